"""Serving the app to web browsers: each browser tab runs its own app process (textual-serve)."""
