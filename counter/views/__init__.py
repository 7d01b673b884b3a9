"""Views of the hall, one module per area: the window's queue, the desk, the screens, the hall's pages."""
