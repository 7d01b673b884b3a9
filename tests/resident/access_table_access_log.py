"""Permission-table rows of the access log's resident page: the resident's own list, nobody else's."""

from tests.architecture.access import Page

PAGES = [
    Page("resident:access-log", allow=("resident",)),
]
