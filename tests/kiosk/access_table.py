"""Permission-table rows for the self-service kiosk: every page answers by the hall's screen key, whoever is logged
in to the browser; personal pages send anyone not identified on the kiosk (by an SMS code) back to the start,
and a wrong key is a 404."""

from __future__ import annotations

from tests.architecture.access import EVERYONE, Page


def context(ctx: dict) -> dict:
    from django.utils import timezone

    from accounts.models import Office
    from counter.services import hall_screen_ensure
    from workflow.models import Case, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code
    from workflow.services import sequence_next

    hall = Office.objects.get(code="HALL-370523")
    today = timezone.localdate()
    case = Case.objects.create(  # written directly: this row tests access, not the business
        number=case_number(today, sequence_next(f"case:{today:%Y%m%d}")), tracking_code=new_tracking_code(),
        service=ServiceType.objects.get(code="insurance.statement"), person=ctx["person_hekou"], channel="kiosk",
        accepted_office=hall, accepted_by=ctx["clerk"], status="completed", accepted_at=timezone.now())
    return {"kiosk_key": hall_screen_ensure(hall=hall).token, "kiosk_case_code": case.tracking_code}


def _key(ctx):
    return {"token": ctx["kiosk_key"]}


def _with(**extra):
    return lambda ctx: {"token": ctx["kiosk_key"], **extra}


_NOT_IDENTIFIED = {"allow": EVERYONE, "ok": 302}

PAGES = [
    Page("kiosk:home", allow=EVERYONE, kwargs=_key),
    Page("kiosk:home", allow=EVERYONE, ok=404, kwargs=lambda ctx: {"token": "not-a-screen-key"}),
    Page("kiosk:identify", allow=EVERYONE, kwargs=_key),
    # An identity number that is not registered: a clear message, and no code sent.
    Page("kiosk:identify", allow=EVERYONE, ok=400, kwargs=_key, method="post",
         data=lambda ctx: {"id_number": "11010519491231002X"}),
    Page("kiosk:code", kwargs=_key, **_NOT_IDENTIFIED),
    Page("kiosk:logout", allow=EVERYONE, ok=302, kwargs=_key, method="post", data=lambda ctx: {"x": "1"}),
    Page("kiosk:logout", allow=EVERYONE, ok=405, kwargs=_key),
    Page("kiosk:touch", allow=EVERYONE, kwargs=_key, method="post", data=lambda ctx: {"x": "1"}),
    Page("kiosk:statement", kwargs=_key, **_NOT_IDENTIFIED),
    Page("kiosk:statement", kwargs=_key, method="post", data=lambda ctx: {"year": "2025"}, **_NOT_IDENTIFIED),
    Page("kiosk:statement-print", kwargs=_with(code="ABCDEFGHJK"), **_NOT_IDENTIFIED),
    Page("kiosk:statement-pdf", kwargs=_with(code="ABCDEFGHJK"), **_NOT_IDENTIFIED),
    Page("kiosk:proof", kwargs=_key, **_NOT_IDENTIFIED),
    Page("kiosk:proof", kwargs=_key, method="post", data=lambda ctx: {"x": "1"}, **_NOT_IDENTIFIED),
    Page("kiosk:ticket", allow=EVERYONE, kwargs=_key),
    Page("kiosk:ticket", allow=EVERYONE, ok=302, kwargs=_key, method="post",
         data=lambda ctx: {"category": "ordinary"}),
    Page("kiosk:ticket-done", kwargs=_key, **_NOT_IDENTIFIED),
    Page("kiosk:track", allow=EVERYONE, kwargs=_key),
    # Rating a case at the kiosk is personal: nobody identified is sent back to the start.
    Page("kiosk:rate", kwargs=lambda ctx: {"token": ctx["kiosk_key"], "code": ctx["kiosk_case_code"]},
         **_NOT_IDENTIFIED),
    Page("kiosk:track-detail", allow=EVERYONE, kwargs=lambda ctx: {"token": ctx["kiosk_key"],
                                                                   "code": ctx["kiosk_case_code"]}),
    Page("kiosk:track-detail", allow=EVERYONE, ok=404, kwargs=_with(code="AAAABBBBCCCCDDDD")),
]
