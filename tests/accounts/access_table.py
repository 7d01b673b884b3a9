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
    # Second factor (a verified staff session, or a login that needs none, is sent on; tests/accounts/test_twofactor.py
    # has the sessions that owe one).
    Page("accounts:two-factor-verify", allow=LOGGED_IN, ok=302),
    Page("accounts:two-factor-enrol", allow=LOGGED_IN, ok=302),
    Page("accounts:two-factor-recovery-codes", allow=STAFF),
    Page("accounts:two-factor-staff", allow=("admin",)),
    Page("accounts:two-factor-reset", allow=("admin",), kwargs=lambda ctx: {"pk": ctx["clerk"].pk}),
    Page("accounts:staff-home", allow=STAFF),
    Page("accounts:person-search", allow=LOOKUP),
    Page("accounts:person-detail", allow=LOOKUP, kwargs=lambda ctx: {"pk": ctx["person_hekou"].pk}),
    # A back office sees only its own district: 河口区's reviewer cannot open a 东营区 person.
    Page("accounts:person-detail", allow=LOOKUP, kwargs=lambda ctx: {"pk": ctx["person_dongying"].pk},
         overrides={"reviewer": 404, "head": 404}),
]
