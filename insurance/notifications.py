"""Insurance's own SMS texts, always in Chinese, written to the workflow outbox in the caller's transaction."""

from __future__ import annotations

from workflow.services import outbox_enqueue
from workflow.sms import SmsKind


def sms(*, key: str, phone: str, text: SmsKind, params: dict | None = None, case=None) -> None:
    """Queue one SMS of a registered kind; the key makes it once only (e.g. once per card, once per proof-of-life
    period)."""
    if not phone:
        return
    from workflow.notifications import SIGNATURE  # imported late: workflow.notifications needs workflow.services

    params = {name: value for name, value in (params or {}).items() if name in text.params}
    outbox_enqueue(key=f"insurance:{key}", phone=phone, body=SIGNATURE + text.render(params), case=case, kind=text,
                   params=params)


def employer_phone(employer) -> str:
    """An employer's mobile contact number, if it has one (landlines cannot take SMS)."""
    phone = (employer.contact_phone or "") if employer is not None else ""
    return phone if phone.startswith("1") and len(phone) == 11 else ""
