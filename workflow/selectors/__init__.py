"""Reads of the workflow, one module per area, re-exported here."""
