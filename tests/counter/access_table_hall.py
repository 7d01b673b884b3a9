"""Permission-table rows for the hall's staff pages: the desk and the window's queue (clerks), the hall's day,
bookings and statistics (clerks for their own hall, heads and the leadership for their area), slots, screen keys
and the channel mix (heads and the leadership). Residents and employers reach none of them."""

from __future__ import annotations

from tests.architecture.access import Page

CLERK = ("clerk",)
HALL_VIEW = ("clerk", "head", "leader")
MANAGE = ("head", "leader")


def counter_service_code() -> str:
    """A business a window accepts for a person: a registered one, else the tests' own immediate service
    (registered for the rest of the session: the registry has no per-test scope)."""
    from tests.workflow import testservices
    from workflow.models import ServiceType
    from workflow.registry import Applicant, Channel, registry
    from workflow.services.catalogue import service_types_sync

    codes = [s.code for s in registry.for_channel(Channel.COUNTER) if s.applicant == Applicant.PERSON]
    known = set(ServiceType.objects.filter(code__in=codes, is_active=True).values_list("code", flat=True))
    for code in codes:
        if code in known:
            return code
    if testservices.IMMEDIATE.code not in registry:
        registry.register(testservices.IMMEDIATE)
    service_types_sync()
    return testservices.IMMEDIATE.code


def context(ctx: dict) -> dict:
    from datetime import time, timedelta

    from django.utils import timezone

    from accounts.models import Office
    from counter.models import AppointmentSlot, Window
    from counter.services import hall_screen_ensure, ticket_call_next, ticket_issue, window_open, windows_ensure
    from tests.factories import EmployerFactory

    halls = {code: Office.objects.get(code=code) for code in ("HALL-370523", "HALL-370502", "HALL-370503")}
    for hall in halls.values():
        windows_ensure(hall=hall, count=3)
        hall_screen_ensure(hall=hall)
    guangrao, dongying = halls["HALL-370523"], halls["HALL-370502"]
    window2 = window_open(window=Window.objects.get(hall=guangrao, number=2), actor=ctx["clerk"])
    ticket_issue(hall=guangrao)
    ticket_issue(hall=guangrao)
    own_ticket = ticket_call_next(window=window2, actor=ctx["clerk"])
    ticket_issue(hall=dongying)
    other_window = window_open(window=Window.objects.get(hall=dongying, number=1), actor=ctx["clerk2"])
    other_ticket = ticket_call_next(window=other_window, actor=ctx["clerk2"])
    code = counter_service_code()
    day = timezone.localdate() + timedelta(days=3)
    return {
        "service_code": code, "ticket": own_ticket, "other_ticket": other_ticket,
        "window1": Window.objects.get(hall=guangrao, number=1), "window3": Window.objects.get(hall=guangrao, number=3),
        "employer": EmployerFactory(),
        "own_case": _case(code, ctx["clerk"], ctx["person_hekou"]),
        "other_case": _case(code, ctx["clerk2"], ctx["person_dongying"]),
        "hekou_slot": AppointmentSlot.objects.create(hall=halls["HALL-370503"], date=day, starts_at=time(9),
                                                     ends_at=time(9, 30), capacity=4),
        "guangrao_slot": AppointmentSlot.objects.create(hall=guangrao, date=day, starts_at=time(9),
                                                        ends_at=time(9, 30), capacity=4),
        "screen_token": guangrao.hall_screen.token,
    }


def _case(code: str, clerk, person):
    """A case accepted at the clerk's hall (written directly: these rows test access, not the business's checks)."""
    from django.utils import timezone

    from workflow.models import Case, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code
    from workflow.services import sequence_next

    today = timezone.localdate()
    return Case.objects.create(
        number=case_number(today, sequence_next(f"case:{today:%Y%m%d}")), tracking_code=new_tracking_code(),
        service=ServiceType.objects.get(code=code), person=person, channel="counter", accepted_office=clerk.office,
        accepted_by=clerk, status="completed", accepted_at=timezone.now())


def _ticket(ctx):
    return {"pk": ctx["ticket"].pk}


def _other_ticket(ctx):
    return {"pk": ctx["other_ticket"].pk}


_POST = {"method": "post", "ok": 302}
TICKET_ACTIONS = ("counter:ticket-recall", "counter:ticket-start", "counter:ticket-finish", "counter:ticket-no-show",
                  "counter:ticket-transfer")

PAGES = [
    Page("counter:desk", allow=CLERK),
    Page("counter:window-open", allow=CLERK, data=lambda ctx: {"window": ctx["window1"].pk}, **_POST),
    Page("counter:window-close", allow=CLERK, **_POST),
    Page("counter:call-next", allow=CLERK, **_POST),
    *[Page(name, allow=CLERK, kwargs=_ticket, data=lambda ctx: {"to_window": ctx["window3"].pk}, **_POST)
      for name in TICKET_ACTIONS],
    # A clerk of one hall cannot act on another hall's tickets: they are not found.
    *[Page(name, allow=CLERK, kwargs=_other_ticket, overrides={"clerk": 404}, **_POST) for name in TICKET_ACTIONS],
    Page("counter:identify", allow=CLERK, data=lambda ctx: {"number": ctx["person_hekou"].id_number}, **_POST),
    Page("counter:person-register", allow=CLERK),
    Page("counter:desk-subject", allow=CLERK, kwargs=lambda ctx: {"kind": "person", "pk": ctx["person_hekou"].pk}),
    Page("counter:desk-subject", allow=CLERK, kwargs=lambda ctx: {"kind": "employer", "pk": ctx["employer"].pk}),
    Page("counter:desk-service", allow=CLERK, kwargs=lambda ctx: {
        "kind": "person", "pk": ctx["person_hekou"].pk, "code": ctx["service_code"]}),
    Page("counter:desk-service", allow=CLERK, method="post", data=lambda ctx: {"action": "check"}, kwargs=lambda ctx: {
        "kind": "person", "pk": ctx["person_hekou"].pk, "code": ctx["service_code"]}),
    Page("counter:desk-case", allow=CLERK, kwargs=lambda ctx: {"number": ctx["own_case"].number}),
    # Another hall's accepted case is not found at this hall's desk.
    Page("counter:desk-case", allow=CLERK, kwargs=lambda ctx: {"number": ctx["other_case"].number},
         overrides={"clerk": 404}),
    Page("counter:hall-today", allow=HALL_VIEW),
    Page("counter:bookings", allow=HALL_VIEW),
    Page("counter:stats", allow=HALL_VIEW),
    Page("counter:channel-mix", allow=MANAGE),
    Page("counter:slots", allow=MANAGE),
    Page("counter:slot-capacity", allow=MANAGE, kwargs=lambda ctx: {"pk": ctx["hekou_slot"].pk},
         data=lambda ctx: {"capacity": 5}, **_POST),
    # 河口区's head manages 河口区's hall, not 广饶县's.
    Page("counter:slot-capacity", allow=MANAGE, kwargs=lambda ctx: {"pk": ctx["guangrao_slot"].pk},
         data=lambda ctx: {"capacity": 5}, overrides={"head": 404}, **_POST),
    Page("counter:screens", allow=MANAGE),
    Page("counter:screen-rotate", allow=MANAGE, kwargs=lambda ctx: {"code": "HALL-370503"}, **_POST),
    Page("counter:screen-rotate", allow=MANAGE, kwargs=lambda ctx: {"code": "HALL-370523"}, overrides={"head": 404},
         **_POST),
]
