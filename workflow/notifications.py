"""The SMS texts a case sends its applicant, always in Chinese, through the outbox."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from workflow.models import Case
from workflow.registry import registry
from workflow.sms.kinds import sms_kind_register

SIGNATURE = "【东营人社】"


def applicant_phone(case: Case) -> str:
    if case.person_id and case.person.is_deceased:
        # A death notice's case, or any case of a person since deceased: no message to their phone.
        return ""
    if case.person_id and case.person.phone:
        return case.person.phone
    if case.employer_id:
        return case.employer.contact_phone if case.employer.contact_phone.startswith("1") else ""
    return ""


KINDS = {
    "accepted": sms_kind_register("case.accepted", _("Your application “%(service)s” was accepted, case %(number)s. "
                                                     "Follow it with code %(code)s at %(url)s")),
    "supplement": sms_kind_register("case.supplement", _(
        "Your application “%(service)s” (case %(number)s) needs more material: %(extra)s. Bring or upload it; the "
        "time limit is paused meanwhile.")),
    # Approval and completion end a case: their message carries the link to rate it (workflow.rating_links).
    "approved": sms_kind_register("case.approved", _("Your application “%(service)s” (case %(number)s) was approved. "
                                                     "%(extra)s Rate our service: %(link)s")),
    "completed": sms_kind_register("case.completed", _("Your application “%(service)s” (case %(number)s) is done. "
                                                       "%(extra)s Rate our service: %(link)s")),
    "rejected": sms_kind_register("case.rejected", _("Your application “%(service)s” (case %(number)s) was not "
                                                     "approved: %(extra)s")),
}


def _params(event: str, case: Case, extra: str) -> dict:
    from workflow.rating_links import rating_link  # it reverses a URL: not at import time

    return {"service": case.service.name_zh, "number": case.number, "code": case.formatted_tracking_code,
            "url": f"{settings.SITE_URL}/track/{case.tracking_code}/", "extra": extra,
            "link": rating_link(case.number) if event in ("approved", "completed") else ""}


def notify_applicant(*, case: Case, event: str, extra: str = "", key_suffix: str = "") -> None:
    """Queue the message for a case event (idempotent per case, event and suffix)."""
    from workflow.services.outbox import outbox_enqueue  # services import this module: import late

    if case.service.code in registry and not registry.get(case.service.code).tells_applicant:
        return
    key = f"case:{case.pk}:{event}" + (f":{key_suffix}" if key_suffix else "")
    kind, params = KINDS[event], _params(event, case, extra)
    params = {name: value for name, value in params.items() if name in kind.params}
    outbox_enqueue(key=key, phone=applicant_phone(case), body=SIGNATURE + kind.render(params), case=case, kind=kind,
                   params=params)
