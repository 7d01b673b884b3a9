"""Permission-table rows for the accounts pages."""

from tests.architecture.access import EVERYONE, LOGGED_IN, STAFF, Page

LOOKUP = ("clerk", "reviewer", "head", "leader")

PAGES = [
    Page("accounts:login", allow=("anonymous",), deny=302),
    Page("accounts:logout", allow=EVERYONE, ok=405),
    Page("accounts:logout", allow=EVERYONE, ok=302, method="post"),
    Page("accounts:password-change", allow=LOGGED_IN),
    Page("accounts:password-change-done", allow=LOGGED_IN),
    Page("accounts:home", allow=LOGGED_IN, ok=302),
    Page("accounts:staff-home", allow=STAFF),
    Page("accounts:person-search", allow=LOOKUP),
    Page("accounts:person-detail", allow=LOOKUP, kwargs=lambda ctx: {"pk": ctx["person_hekou"].pk}),
    # A back office sees only its own district: 河口区's reviewer cannot open a 东营区 person.
    Page("accounts:person-detail", allow=LOOKUP, kwargs=lambda ctx: {"pk": ctx["person_dongying"].pk},
         overrides={"reviewer": 404, "head": 404}),
]
