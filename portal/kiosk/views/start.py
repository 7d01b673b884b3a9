"""Starting and ending a kiosk session: the start page, identification by identity number and SMS code, logout,
and the touch signal that keeps the session alive while someone is using the screen."""

from __future__ import annotations

from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.ecard import ECardRefused, ecard_redeem
from accounts.exceptions import AccountsError
from accounts.models import ECardUse, OneTimeCode, Person
from accounts.otp import otp_verify
from accounts.selectors import person_by_id_number
from insurance.selectors.pensions import pension_of
from portal.kiosk import session
from portal.kiosk.forms import CodeForm, IdentifyForm
from portal.kiosk.services import PROOF, STATEMENT, kiosk_offers, kiosk_user
from portal.otp import otp_send

# Unknown numbers and wrong codes a kiosk may see in 10 minutes before it sends people to the staff.
FAILURES_ALLOWED = 20
FAILURE_WINDOW = 600
PURPOSE = OneTimeCode.Purpose.KIOSK


def _failures_key(request) -> str:
    return f"kiosk:identify-failures:{request.kiosk.hall.pk}"


def _too_many_failures(request) -> bool:
    return cache.get(_failures_key(request), 0) >= FAILURES_ALLOWED


def _failed(request) -> None:
    key = _failures_key(request)
    cache.add(key, 0, FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, FAILURE_WINDOW)


def render_kiosk(request, template: str, context: dict | None = None, status: int = 200):
    """Every kiosk page: the hall, the key, who is identified, the idle limit and a one-time notice."""
    kiosk = request.kiosk
    return render(request, template, {
        "kiosk": kiosk, "hall": kiosk.hall, "token": kiosk.token, "person": kiosk.person,
        "idle_seconds": session.idle_seconds(), "notice": session.pop_flash(request), **(context or {}),
    }, status=status)


@session.kiosk_view
@require_http_methods(["GET", "HEAD"])
def home(request):
    """The start page, or the menu of the person identified: only the business the kiosk offers them."""
    person = request.kiosk.person
    if person is None:
        return render_kiosk(request, "portal/kiosk/home.html")
    offered = kiosk_offers(person=person)
    pension = pension_of(person=person) if PROOF in offered else None
    return render_kiosk(request, "portal/kiosk/home.html", {
        "pension": pension, "may_print_statement": STATEMENT in offered,
        "may_prove": PROOF in offered and not session.by_ecard(request)})


@session.kiosk_view
@require_http_methods(["GET", "HEAD", "POST"])
def identify(request):
    form = IdentifyForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST":
        if _too_many_failures(request):
            error = _("Too many attempts at this kiosk: please ask the staff at the information desk.")
        elif form.is_valid() and form.kind == "ecard":
            error = _identify_by_ecard(request, form.cleaned_data["id_number"])
            if not error:
                return redirect("kiosk:home", token=request.kiosk.token)
        elif form.is_valid():
            person = person_by_id_number(id_number=form.cleaned_data["id_number"])
            if person is None or person.is_deceased:
                _failed(request)
                error = _("This identity number is not registered with us: please ask at a window.")
            else:
                try:
                    masked = otp_send(person=person, purpose=PURPOSE)
                except AccountsError as exc:
                    if exc.code != "too_soon" or request.kiosk.pending_id != person.pk:
                        error = exc.messages[0]
                else:
                    session.start_identifying(request, person=person, masked_phone=masked)
                if not error:
                    return redirect("kiosk:code", token=request.kiosk.token)
    return render_kiosk(request, "portal/kiosk/identify.html", {"form": form, "error": error},
                        status=400 if error or form.errors else 200)


def _identify_by_ecard(request, content: str) -> str:
    """The person of a valid e-card code, identified on this kiosk (the use recorded with the hall); else why not.
    A refused code counts among the kiosk's failures, as a wrong number does."""
    hall = request.kiosk.hall
    try:
        person = ecard_redeem(content=content, actor=kiosk_user(hall=hall), channel=ECardUse.Channel.KIOSK,
                              office=hall)
    except ECardRefused as exc:
        _failed(request)
        return exc.message
    session.identify_by_ecard(request, person=person)
    return ""


@session.kiosk_view
@require_http_methods(["GET", "HEAD", "POST"])
def code(request):
    """The code sent to the person's registered phone; right, it identifies them on this kiosk."""
    kiosk = request.kiosk
    person = Person.objects.filter(pk=kiosk.pending_id).first() if kiosk.pending_id else None
    if person is None:
        return redirect("kiosk:identify", token=kiosk.token)
    form = CodeForm(request.POST if request.method == "POST" and "resend" not in request.POST else None)
    error = ""
    if request.method == "POST" and "resend" in request.POST:
        try:
            otp_send(person=person, purpose=PURPOSE)
            session.flash(request, "resent")
        except AccountsError as exc:
            error = exc.messages[0]
    elif request.method == "POST" and form.is_valid():
        try:
            otp_verify(person=person, purpose=PURPOSE, code=form.cleaned_data["code"])
        except AccountsError as exc:
            _failed(request)
            error = exc.messages[0]
        else:
            session.finish_identifying(request, person=person)
            return redirect("kiosk:home", token=kiosk.token)
    return render_kiosk(request, "portal/kiosk/code.html", {
        "form": form, "error": error, "phone": request.session.get(session.PHONE, "")},
        status=400 if error or form.errors else 200)


@csrf_exempt  # ending a session is harmless, and a timed-out screen must never end on a CSRF error page
@session.kiosk_view
@require_POST
def logout(request):
    session.end(request)
    session.flash(request, "logged_out")
    response = redirect("kiosk:home", token=request.kiosk.token)
    response["Clear-Site-Data"] = '"cache"'
    return response


@session.kiosk_view
@require_POST
def touch(request):
    """The screen was touched (the page's script says so while someone types): the session stays alive."""
    return JsonResponse({"alive": request.kiosk.busy})
