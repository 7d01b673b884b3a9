"""The SMS provider's status callback: signed by Twilio, it reports a message's delivery."""

from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.access import delegated_access
from workflow.models import OutboundMessage
from workflow.services.delivery import outbox_status_record
from workflow.sms import twilio_signature_valid


@delegated_access("Twilio request signature")
@csrf_exempt
@require_POST
def status_callback(request, pk: int):
    """Twilio posts MessageSid, MessageStatus and, on failure, ErrorCode to the URL we gave with the message."""
    if not twilio_signature_valid(request):
        return HttpResponseForbidden(_("Invalid request signature."), content_type="text/plain; charset=utf-8")
    try:
        outbox_status_record(message_id=pk, provider_id=request.POST.get("MessageSid", "")[:64],
                             provider_status=request.POST.get("MessageStatus", ""),
                             error_code=request.POST.get("ErrorCode", "")[:20])
    except OutboundMessage.DoesNotExist:
        raise Http404 from None
    return HttpResponse(status=204)
