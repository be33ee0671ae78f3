"""What every billing system shares: no Textual and no vendor names."""
