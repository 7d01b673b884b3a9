"""insurance models."""
