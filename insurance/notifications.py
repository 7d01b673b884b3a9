"""Insurance's own SMS texts, always in Chinese, written to the workflow outbox in the caller's transaction."""

from __future__ import annotations

from django.utils import translation

from workflow.services import outbox_enqueue


def sms(*, key: str, phone: str, text, params: dict | None = None, case=None) -> None:
    """Queue one SMS; the key makes it once only (e.g. once per card, once per proof-of-life period)."""
    if not phone:
        return
    from workflow.notifications import SIGNATURE  # imported late: workflow.notifications needs workflow.services

    with translation.override("zh-hans"):
        body = str(text) % (params or {})
    outbox_enqueue(key=f"insurance:{key}", phone=phone, body=SIGNATURE + body, case=case)


def employer_phone(employer) -> str:
    """An employer's mobile contact number, if it has one (landlines cannot take SMS)."""
    phone = (employer.contact_phone or "") if employer is not None else ""
    return phone if phone.startswith("1") and len(phone) == 11 else ""
