"""Where the app reaches under Textual's public API: for speed (cells rendered ahead) or for behaviour
Textual offers no public hook for. Everything private of Textual's is used in ``textual_private`` only."""
