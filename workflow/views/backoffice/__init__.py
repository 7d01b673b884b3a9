"""Views of the back office: the workbench, the case page and its actions, the head's board, the overview."""
