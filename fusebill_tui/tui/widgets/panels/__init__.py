"""The panels of the customer detail screen: each loads its own data and shows its own state."""
