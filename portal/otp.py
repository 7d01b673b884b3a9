"""Send a one-time code to a person's registered phone through the SMS outbox."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.exceptions import AccountsError
from accounts.identifiers import mask_phone
from accounts.models import Person
from accounts.otp import VALID_FOR, otp_issue
from workflow.notifications import SIGNATURE
from workflow.services import outbox_enqueue
from workflow.sms import sms_kind_register

OTP_SMS = sms_kind_register("otp", gettext_lazy(
    "Your verification code is %(code)s, valid for %(minutes)s minutes. Never tell it to anyone."))


@transaction.atomic
def otp_send(*, person: Person, purpose: str) -> str:
    """Issue a code and queue its SMS; returns the masked phone it goes to (for "sent to 138****5678")."""
    if not person.phone:
        raise AccountsError(_("No mobile number is registered for you: please visit a service hall."),
                            code="no_phone")
    otp, code = otp_issue(person=person, purpose=purpose)
    params = {"code": code, "minutes": int(VALID_FOR.seconds / 60)}
    outbox_enqueue(key=f"otp:{otp.pk}", phone=person.phone, body=SIGNATURE + OTP_SMS.render(params), kind=OTP_SMS,
                   params=params)
    return mask_phone(person.phone)
