"""The back office's review of proof-of-life photos: the queue, one photo beside the card photo, the decision,
and the two images (served only here, each read recorded in the access log)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.selectors import persons_visible_to
from insurance.exceptions import InsuranceError
from insurance.selectors.proof import card_photo_of, proof_photo_for_reviewer, proof_photo_queue
from insurance.services import proof_photo_confirm, proof_photo_refuse
from insurance.views.common import paginate

PERM = "insurance.review_proof_photos"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", gettext_lazy("Confirm")), ("refuse", gettext_lazy("Refuse"))])
    reason = forms.CharField(label=gettext_lazy("Reason (sent to the pensioner by SMS)"), max_length=200,
                             required=False, widget=forms.TextInput(attrs={"size": 60}))


@require_access(perm=PERM)
@never_cache
@require_safe
def proof_photo_list(request):
    page = paginate(request, proof_photo_queue(persons=persons_visible_to(user=request.user)))
    access_log_record(request=request, persons=[p.pension.person_id for p in page], page=Page.LIST)
    return render(request, "insurance/proof_photo_list.html", {"photos": page})


def _photo(request, pk: int):
    photo = proof_photo_for_reviewer(persons=persons_visible_to(user=request.user), pk=pk)
    if photo is None:
        raise Http404
    return photo


@require_access(perm=PERM)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def proof_photo_detail(request, pk: int):
    photo = _photo(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "confirm":
                proof_photo_confirm(photo=photo, actor=request.user)
                messages.success(request, _("Confirmed: the proof of life is recorded and the pensioner told."))
            else:
                proof_photo_refuse(photo=photo, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Refused: the pensioner is told the reason by SMS."))
        except InsuranceError as exc:
            messages.error(request, exc.message)
            return redirect("insurance:proof-photo-detail", pk=photo.pk)
        return redirect("insurance:proof-photo-list")
    person = photo.pension.person
    access_log_record(request=request, persons=[person], page=Page.PERSON)
    return render(request, "insurance/proof_photo_detail.html", {
        "photo": photo, "person": person, "card": card_photo_of(person=person), "form": form},
        status=400 if request.method == "POST" else 200)


def _image(request, field_file, content_type: str, person) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    access_log_record(request=request, persons=[person], page=Page.PERSON)
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_access(perm=PERM)
@require_safe
def proof_photo_image(request, pk: int):
    photo = _photo(request, pk)
    return _image(request, photo.photo, photo.content_type, photo.pension.person)


@require_access(perm=PERM)
@require_safe
def proof_photo_card_image(request, pk: int):
    """The card photo on file of the pensioner of a photo under review (the reviewer's reference)."""
    photo = _photo(request, pk)
    card = card_photo_of(person=photo.pension.person)
    if card is None:
        raise Http404
    kind = "image/png" if card.photo.name.endswith(".png") else "image/jpeg"
    return _image(request, card.photo, kind, photo.pension.person)
