"""Reads of the hall, scoped to who asks, one module per area."""
