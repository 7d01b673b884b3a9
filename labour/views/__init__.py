"""Labour's pages, by audience."""
