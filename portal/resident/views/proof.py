"""The pensioner's own proof of life by photo: take a photo on the phone (or choose one); a reviewer checks it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.access import require_access
from insurance.forms import ProofPhotoForm
from insurance.models import ProofPhoto
from insurance.rules.photos import MAX_PHOTO_BYTES
from insurance.selectors.pensions import pension_of
from insurance.selectors.proof import proof_photo_latest
from insurance.services import proof_photo_submit
from portal.resident.views.common import RESIDENT, UPLOAD_RATE, limited, me
from workflow.exceptions import WorkflowError

_BODY_SLACK = 64 * 1024  # the form's other fields and the multipart boundaries


def _submit(request, person) -> None:
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PHOTO_BYTES + _BODY_SLACK:
        messages.error(request, _("The photo is larger than %(mb)d MB: take it again at a lower resolution.")
                       % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)})
        return
    if limited(request, group="resident.upload", rate=UPLOAD_RATE, key="user"):
        messages.error(request, _("You have uploaded many files in a short time: please try again later."))
        return
    form = ProofPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return
    try:
        proof_photo_submit(person=person, upload=form.cleaned_data["photo"], actor=request.user,
                           channel=ProofPhoto.Channel.ONLINE)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your photo is sent. A reviewer checks it and you are told by SMS."))


@require_access(perm=RESIDENT)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def proof_photo(request):
    person = me(request)
    pension = pension_of(person=person)
    if request.method == "POST":
        _submit(request, person)
        return redirect("resident:proof-photo")
    return render(request, "portal/resident/proof_photo.html", {
        "pension": pension, "latest": proof_photo_latest(person=person) if pension else None,
        "form": ProofPhotoForm()})
