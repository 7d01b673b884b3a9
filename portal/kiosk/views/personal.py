"""Personal business at the kiosk, for the person identified on it: the rights statement, the proof of life, and
rating one of their ended cases."""

from __future__ import annotations

from csp.decorators import csp_exempt
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.text import clauses
from insurance.catalogue.pensioners import proof_method
from insurance.forms import ProofPhotoForm
from insurance.models import ProofMethod, ProofPhoto
from insurance.selectors.pensions import pension_of, proof_method_of
from insurance.selectors.statements import statement_by_code
from insurance.services import proof_photo_submit
from portal.kiosk import session
from portal.kiosk.forms import StatementYearForm, statement_years
from portal.kiosk.services import PROOF, STATEMENT, kiosk_actor, kiosk_apply, kiosk_offers
from portal.kiosk.views.start import render_kiosk
from workflow.exceptions import NotEligible, WorkflowError
from workflow.models import Case
from workflow.registry import Channel
from workflow.rules.codes import normalize_tracking_code
from workflow.rules.ratings import Channel as RatingChannel
from workflow.selectors.ratings import may_be_rated, subject_rated
from workflow.services.ratings import rating_give_case
from workflow.views.ratings import rate_page


def _refusal(exc: WorkflowError) -> str:
    """The reason a business was refused: the failed checks' labels, else the error's message."""
    if isinstance(exc, NotEligible) and exc.errors:
        return clauses(check.detail or check.label for check in exc.errors)
    return str(exc.message)


@session.kiosk_view
@session.identified
@require_http_methods(["GET", "HEAD", "POST"])
def statement(request):
    """Choose the year; the statement is issued as a kiosk case and opened for printing."""
    kiosk = request.kiosk
    form = StatementYearForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            case = kiosk_apply(hall=kiosk.hall, person=kiosk.person, service_code=STATEMENT,
                               fields={"year": form.cleaned_data["year"]})
        except WorkflowError as exc:
            error = _refusal(exc)
        else:
            return redirect("kiosk:statement-print", token=kiosk.token, code=case.result["statement"])
    return render_kiosk(request, "portal/kiosk/statement.html", {
        "form": form, "years": statement_years(), "default_year": statement_years()[1], "error": error},
        status=400 if error or form.errors else 200)


def _own_statement(request, code: str):
    statement = statement_by_code(code=code)
    if statement is None or statement.person_id != request.kiosk.person.pk:
        raise Http404
    return statement


@session.kiosk_view
@session.identified
@require_safe
def statement_print(request, code: str):
    """The statement on screen, printed at once by the page's script (the kiosk's browser prints silently)."""
    return render_kiosk(request, "portal/kiosk/statement_print.html", {"statement": _own_statement(request, code)})


@session.kiosk_view
@session.identified
@require_safe
@xframe_options_sameorigin  # shown in the kiosk's own print page
@csp_exempt()  # a PDF, not a page: the browser's viewer must not be held to the site's script policy
def statement_pdf(request, code: str):
    statement = _own_statement(request, code)
    response = HttpResponse(bytes(statement.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rights-statement-{statement.year}.pdf"'
    return response


@session.kiosk_view
@session.identified
@require_http_methods(["GET", "HEAD", "POST"])
def proof(request):
    """A pensioner's yearly proof of life, recorded with what really happens here: the person was identified by
    the code sent to their phone; or they send a photo from the kiosk's camera for a reviewer to check."""
    kiosk = request.kiosk
    if session.by_ecard(request):
        # The kiosk's proof records the code sent to the phone, which this person did not use.
        session.flash(request, "refused", reason=_("To prove you are alive at this kiosk, exit and identify with "
                                                   "your identity number and the code sent to your phone."))
        return redirect("kiosk:home", token=kiosk.token)
    if request.method == "POST":
        try:
            case = kiosk_apply(hall=kiosk.hall, person=kiosk.person, service_code=PROOF)
        except WorkflowError as exc:
            session.flash(request, "refused", reason=_refusal(exc))
        else:
            session.flash(request, "proved", next_due=case.result.get("next_due", ""))
        return redirect("kiosk:proof", token=kiosk.token)
    return render_kiosk(request, "portal/kiosk/proof.html", {
        "pension": pension_of(person=kiosk.person), "may_prove": PROOF in kiosk_offers(person=kiosk.person),
        "method": proof_method_of(code=proof_method(Channel.KIOSK)),
        "photo_counts": proof_method_of(code=ProofMethod.Code.PHOTO).counts, "photo_form": ProofPhotoForm()})


@session.kiosk_view
@session.identified
@require_POST
def proof_photo(request):
    """The photo the kiosk's camera took, sent to the back office's review queue (nothing is proved yet)."""
    kiosk = request.kiosk
    form = ProofPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        session.flash(request, "refused", reason=clauses(e for errors in form.errors.values() for e in errors))
        return redirect("kiosk:proof", token=kiosk.token)
    try:
        proof_photo_submit(person=kiosk.person, upload=form.cleaned_data["photo"], channel=ProofPhoto.Channel.KIOSK,
                           actor=kiosk_actor(hall=kiosk.hall, person=kiosk.person), office=kiosk.hall)
    except WorkflowError as exc:
        session.flash(request, "refused", reason=_refusal(exc))
    else:
        session.flash(request, "photo_sent")
    return redirect("kiosk:proof", token=kiosk.token)


@session.kiosk_view
@session.identified
@require_http_methods(["GET", "HEAD", "POST"])
def rate(request, code: str):
    """The identified person rates one of their own ended cases (好差评, channel "kiosk"); anyone else's, or an open
    case, is not found."""
    person = request.kiosk.person
    case = Case.objects.select_related("service", "jurisdiction_office", "accepted_office", "accepted_by",
                                       "reviewer").filter(tracking_code=normalize_tracking_code(code),
                                                          person=person).first()
    if case is None or not may_be_rated(case):
        return render_kiosk(request, "portal/kiosk/rate.html", {"not_found": True}, status=404)
    return rate_page(request, layout="layouts/kiosk.html", title=case.service.name, extra={"case": case},
                     rated=subject_rated(subject=f"case:{case.pk}", channel=RatingChannel.KIOSK),
                     give=lambda data: rating_give_case(case=case, channel=RatingChannel.KIOSK, **data),
                     template="portal/kiosk/rate.html", thanks="portal/kiosk/rate.html", render_with=render_kiosk)
