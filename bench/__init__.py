"""The benchmark: the real app, driven headlessly against the sandbox with an injected round-trip time."""
