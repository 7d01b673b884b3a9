"""Permission-table rows for the rating pad at the window: a case ended at this hall, a ticket it served."""

from tests.architecture.access import Page

CLERK = ("clerk",)


def context(ctx) -> dict:
    """A ticket the clerk's hall served for the 河口区 person (written directly)."""
    from django.utils import timezone

    from counter.models import Ticket

    now = timezone.now()
    served = Ticket.objects.create(hall=ctx["clerk"].office, day=timezone.localdate(now), code="R901", issued_at=now,
                                   status=Ticket.Status.DONE, finished_at=now, clerk=ctx["clerk"],
                                   person=ctx["person_hekou"])
    return {"served_ticket": served}


PAGES = [
    # rated_case: tests/workflow/access_table_ratings.py (accepted at the clerk's hall).
    Page("counter:rate-case", allow=CLERK, kwargs=lambda ctx: {"number": ctx["rated_case"].number}),
    Page("counter:rate-ticket", allow=CLERK, kwargs=lambda ctx: {"pk": ctx["served_ticket"].pk}),
]
