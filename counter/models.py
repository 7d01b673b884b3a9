"""counter models."""
