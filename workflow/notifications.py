"""The SMS texts a case sends its applicant, always in Chinese, through the outbox."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from workflow.models import Case

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


def _body(event: str, case: Case, extra: str) -> str:
    service = case.service.name_zh
    track = f"{settings.SITE_URL}/track/{case.tracking_code}/"
    with translation.override("zh-hans"):
        texts = {
            "accepted": _("Your application “%(service)s” was accepted, case %(number)s. Follow it with code "
                          "%(code)s at %(url)s"),
            "supplement": _("Your application “%(service)s” (case %(number)s) needs more material: %(extra)s. "
                            "Bring or upload it; the time limit is paused meanwhile."),
            "approved": _("Your application “%(service)s” (case %(number)s) was approved. %(extra)s"),
            "completed": _("Your application “%(service)s” (case %(number)s) is done. %(extra)s"),
            "rejected": _("Your application “%(service)s” (case %(number)s) was not approved: %(extra)s"),
        }
        text = texts[event] % {"service": service, "number": case.number, "code": case.formatted_tracking_code,
                               "url": track, "extra": extra}
    return SIGNATURE + text.strip()


def notify_applicant(*, case: Case, event: str, extra: str = "", key_suffix: str = "") -> None:
    """Queue the message for a case event (idempotent per case, event and suffix)."""
    from workflow.services.outbox import outbox_enqueue  # services import this module: import late

    key = f"case:{case.pk}:{event}" + (f":{key_suffix}" if key_suffix else "")
    outbox_enqueue(key=key, phone=applicant_phone(case), body=_body(event, case, extra), case=case)
