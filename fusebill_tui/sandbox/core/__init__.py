"""What every built-in sandbox shares: clock, faults, rate limit, request log, transport."""
