"""Forms of the hall, one module per area."""
