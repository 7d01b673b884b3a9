"""workflow models."""
