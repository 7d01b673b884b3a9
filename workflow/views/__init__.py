"""Views of the workflow, one module per area."""
