"""The guided tour: highlighted steps on the built-in sandbox that a presenter advances with a key."""
