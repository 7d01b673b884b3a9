"""Permission-table rows for the public site and the online channels."""

from tests.architecture.access import EMPLOYER, EVERYONE, Page

PAGES = [
    Page("portal:home", allow=EVERYONE),
    Page("portal:set-language", allow=EVERYONE, ok=302, method="post", data=lambda ctx: {"language": "en"}),
    Page("portal:resident-home", allow=("resident",)),
    Page("portal:employer-home", allow=EMPLOYER),
    Page("healthz", allow=EVERYONE),
    # Prometheus' bearer token only (tests/portal/test_metrics.py): no login of any role opens it.
    Page("metrics", allow=(), overrides={"anonymous": 403}),
]
