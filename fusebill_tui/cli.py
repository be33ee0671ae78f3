"""Command line entry point (replaced by the real CLI)."""


def main() -> int:
    print("fusebill-tui: not yet")
    return 0
