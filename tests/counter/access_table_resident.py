"""Permission-table rows for the resident's appointment pages (portal/resident/appointments.py): residents only;
another resident's appointment is a 404."""

from tests.architecture.access import Page

RESIDENT = ("resident",)


def context(ctx: dict) -> dict:
    from counter.services import appointment_book
    from workflow.models import ServiceType

    resident = ctx["resident"]
    own = appointment_book(actor=resident, person=resident.person, slot=ctx["hekou_slot"],
                           service=ServiceType.objects.get(code=ctx["service_code"]))
    theirs = appointment_book(actor=ctx["clerk"], person=ctx["person_dongying"], slot=ctx["hekou_slot"],
                              service=ServiceType.objects.get(code=ctx["service_code"]))
    return {"own_appointment": own, "their_appointment": theirs}


def _own(ctx):
    return {"code": ctx["own_appointment"].code}


def _theirs(ctx):
    return {"code": ctx["their_appointment"].code}


PAGES = [
    Page("resident:appointments", allow=RESIDENT),
    Page("resident:appointment-book", allow=RESIDENT),
    Page("resident:appointment-book", allow=RESIDENT, method="post", ok=302,
         data=lambda ctx: {"slot": ctx["guangrao_slot"].pk, "service": ctx["service_code"]}),
    Page("resident:appointment-detail", allow=RESIDENT, kwargs=_own),
    Page("resident:appointment-move", allow=RESIDENT, kwargs=_own),
    Page("resident:appointment-cancel", allow=RESIDENT, kwargs=_own, method="post", ok=302),
    Page("resident:appointment-detail", allow=RESIDENT, kwargs=_theirs, overrides={"resident": 404}),
    Page("resident:appointment-move", allow=RESIDENT, kwargs=_theirs, overrides={"resident": 404}),
    Page("resident:appointment-cancel", allow=RESIDENT, kwargs=_theirs, method="post", ok=302,
         overrides={"resident": 404}),
]
