"""Permission-table rows for rating my ended case online."""

from tests.architecture.access import Page

PAGES = [
    # rated_case: tests/workflow/access_table_ratings.py (the resident's own case).
    Page("resident:case-rate", allow=("resident",), kwargs=lambda ctx: {"number": ctx["rated_case"].number}),
    # Another's case is not found.
    Page("resident:case-rate", allow=("resident",), ok=404, kwargs=lambda ctx: {"number": "202601010000000"}),
]
