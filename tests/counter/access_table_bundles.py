"""Permission-table rows for a life event (一件事) at the clerk's desk: only the counter clerk opens its form."""

from tests.architecture.access import Page

CLERK = ("clerk",)

PAGES = [
    Page("counter:desk-bundle", allow=CLERK, kwargs=lambda ctx: {
        "pk": ctx["person_hekou"].pk, "code": "insurance.retirement_event"}),
    Page("counter:desk-bundle", allow=CLERK, kwargs=lambda ctx: {
        "pk": ctx["person_hekou"].pk, "code": "employment.unemployment_event"}),
    # An unknown life event does not exist, for the clerk too.
    Page("counter:desk-bundle", allow=CLERK, kwargs=lambda ctx: {"pk": ctx["person_hekou"].pk, "code": "nothing"},
         overrides={"clerk": 404}),
]
