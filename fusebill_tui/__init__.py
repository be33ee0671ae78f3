"""fusebill-tui: browse and service Fusebill customer accounts from a terminal."""

__version__ = "0.1.0"
