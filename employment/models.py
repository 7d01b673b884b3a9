"""employment models."""
