"""Documents insurance prints: the rights statement PDF."""
