"""Permission-table rows for the SMS provider's status callback: POST only, and only with Twilio's signature."""

from tests.architecture.access import EVERYONE, Page


def context(ctx) -> dict:
    from workflow.models import OutboundMessage

    message, _ = OutboundMessage.objects.get_or_create(
        key="access-table:sms", defaults={"phone": "13912345678", "body": "【东营人社】"})
    return {"sms_message": message}


def _message(ctx) -> dict:
    return {"pk": ctx["sms_message"].pk}


PAGES = [
    # Nobody, logged in or not, may read it; Twilio posts to it.
    Page("sms:status", allow=EVERYONE, ok=405, kwargs=_message),
    # A POST without Twilio's signature is refused whoever sends it (a session is no credential here).
    Page("sms:status", allow=EVERYONE, ok=403, method="post", kwargs=_message),
]
