"""The built-in sandboxes: one package per billing system over the shared sandbox core."""
