"""SMS providers behind one interface (workflow.sms.base.SmsProvider), chosen by settings.SMS_PROVIDER: the
console for development, Twilio, or Alibaba Cloud SMS for the mainland (templates and a registered signature)."""

from workflow.sms.base import (
    PROVIDER_STATUS,
    PROVIDERS,
    ProviderRecord,
    SmsError,
    SmsProvider,
    get_backend,
    same_text,
    status_callback_url,
    to_e164,
)
from workflow.sms.console import ConsoleBackend
from workflow.sms.kinds import SmsKind, sms_kind_get, sms_kind_register, sms_kinds
from workflow.sms.twilio import TwilioBackend, twilio_error, twilio_signature_valid

__all__ = [
    "PROVIDERS", "PROVIDER_STATUS", "ConsoleBackend", "ProviderRecord", "SmsError", "SmsKind", "SmsProvider",
    "TwilioBackend", "get_backend", "same_text", "sms_kind_get", "sms_kind_register", "sms_kinds",
    "status_callback_url", "to_e164", "twilio_error", "twilio_signature_valid",
]
