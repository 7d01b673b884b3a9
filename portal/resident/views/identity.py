"""Sign-up and password reset in three steps: who you are (identity number and name), the code sent to your
registered phone, a password. What was established between steps lives in the session (portal.resident.identity)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.access import public
from accounts.exceptions import AccountsError
from accounts.identifiers import mask_phone
from accounts.models import Person, User
from accounts.otp import otp_verify
from portal.resident import identity
from portal.resident.forms import CodeForm, IdentifyForm
from portal.resident.selectors import login_of
from portal.resident.services import (
    RESET,
    SIGNUP,
    identity_check,
    identity_code_send,
    resident_password_reset,
    resident_signup,
)
from portal.resident.views.common import CODE_RATE, IDENTIFY_RATE, limited

BACKEND = "django.contrib.auth.backends.ModelBackend"
STEPS = {
    SIGNUP: ("resident:signup", "resident:signup-code", "resident:signup-password"),
    RESET: ("resident:password-reset", "resident:password-reset-code", "resident:password-reset-password"),
}


def _too_many() -> str:
    return _("Too many attempts from your connection. Please wait an hour, or visit a service hall.")


def _restart(request, purpose: str):
    messages.info(request, _("Your session has expired or was not started here: please start again."))
    return redirect(STEPS[purpose][0])


def _identify(request, purpose: str):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = IdentifyForm(request.POST if request.method == "POST" else None)
    status, refusal = 200, ""
    if request.method == "POST":
        if limited(request, group=f"resident.{purpose}.identify", rate=IDENTIFY_RATE):
            form.add_error(None, _too_many())
            status = 429
        elif form.is_valid():
            try:
                person = identity_check(purpose=purpose, id_number=form.cleaned_data["id_number"],
                                        name=form.cleaned_data["name"])
            except AccountsError as exc:
                form.add_error(None, exc.message)
                refusal = exc.code
            else:
                return _send_first_code(request, purpose, person, form)
    return render(request, "portal/resident/identity_start.html",
                  {"form": form, "purpose": purpose, "refusal": refusal}, status=status)


def _send_first_code(request, purpose: str, person: Person, form: IdentifyForm):
    try:
        masked = identity_code_send(purpose=purpose, person=person)
    except AccountsError as exc:
        if exc.code != "too_soon":
            form.add_error(None, exc.message)
            return render(request, "portal/resident/identity_start.html",
                          {"form": form, "purpose": purpose, "refusal": exc.code})
        # A code went out less than a minute ago (the form was sent twice, or the page reloaded): use that one.
        masked = mask_phone(person.phone)
        messages.info(request, exc.message)
    identity.flow_start(request.session, purpose=purpose, person_id=person.pk, masked_phone=masked)
    return redirect(STEPS[purpose][1])


def _code(request, purpose: str):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    flow = identity.flow_get(request.session, purpose)
    person = Person.objects.filter(pk=flow.person_id).first() if flow is not None else None
    if person is None:
        return _restart(request, purpose)
    form, status = CodeForm(), 200
    if request.method == "POST" and request.POST.get("action") == "resend":
        try:
            identity_code_send(purpose=purpose, person=person)
            messages.success(request, _("A new code was sent to %(phone)s.") % {"phone": flow.masked_phone})
        except AccountsError as exc:
            messages.error(request, exc.message)
        return redirect(STEPS[purpose][1])
    if request.method == "POST":
        form = CodeForm(request.POST)
        if limited(request, group=f"resident.{purpose}.code", rate=CODE_RATE):
            form.add_error(None, _too_many())
            status = 429
        elif form.is_valid():
            try:
                otp_verify(person=person, purpose=purpose, code=form.cleaned_data["code"])
            except AccountsError as exc:
                form.add_error("code", exc.message)
            else:
                identity.flow_verified(request.session, flow)
                return redirect(STEPS[purpose][2])
    return render(request, "portal/resident/identity_code.html",
                  {"form": form, "purpose": purpose, "flow": flow}, status=status)


def _password(request, purpose: str):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    flow = identity.flow_get(request.session, purpose)
    person = Person.objects.filter(pk=flow.person_id).first() if flow is not None else None
    if person is None:
        return _restart(request, purpose)
    if not flow.verified:
        return redirect(STEPS[purpose][1])
    user = login_of(person=person) if purpose == RESET else None
    if user is None:  # for the password validators: similar to the user name (identity number) or name?
        user = User(username=person.id_number, last_name=person.name, kind=User.Kind.RESIDENT)
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["new_password1"]
        try:
            user = (resident_signup if purpose == SIGNUP else resident_password_reset)(person=person,
                                                                                       password=password)
        except AccountsError as exc:
            identity.flow_clear(request.session, purpose)
            messages.error(request, exc.message)
            return redirect("accounts:login")
        identity.flow_clear(request.session, purpose)
        login(request, user, backend=BACKEND)
        messages.success(request, _("Welcome! Your online account is ready.") if purpose == SIGNUP else
                         _("Your password is changed. Other devices have been logged out."))
        return redirect("portal:resident-home")
    return render(request, "portal/resident/identity_password.html",
                  {"form": form, "purpose": purpose, "flow": flow})


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    return _identify(request, SIGNUP)


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup_code(request):
    return _code(request, SIGNUP)


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup_password(request):
    return _password(request, SIGNUP)


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def password_reset(request):
    return _identify(request, RESET)


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def password_reset_code(request):
    return _code(request, RESET)


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def password_reset_password(request):
    return _password(request, RESET)
