"""URL modules of the workflow, one per area, each included by portal/urls.py under its own namespace."""
