"""Staff second factor pages: the code after the password, setting up an authenticator app, the recovery codes, and
an administrator's reset of a colleague's second factor."""

from __future__ import annotations

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import navigation
from accounts.access import require_access
from accounts.exceptions import AccountsError
from accounts.forms_twofactor import CodeForm, EnrolCodeForm, ResetForm
from accounts.lockout import lockout_response, login_lockout_lift
from accounts.twofactor import (
    format_secret,
    qr_svg,
    recovery_codes_left,
    recovery_codes_regenerate,
    second_factor_check,
    second_factor_required,
    second_factor_reset,
    staff_second_factor_list,
    totp_device_of,
    totp_enrolment_confirm,
    totp_enrolment_start,
)

NEW_CODES_KEY = "two_factor_new_codes"


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def _locked(request) -> bool:
    return not AxesProxyHandler.is_allowed(request, _credentials(request.user))


def _refuse(request, form, message):
    """A wrong code: counted in the login lockout like a wrong password; at the limit the session ends."""
    user_login_failed.send(sender=__name__, credentials=_credentials(request.user), request=request)
    if getattr(request, "axes_locked_out", False) or _locked(request):
        logout(request)
        return lockout_response(request)
    form.add_error("code", message)
    return None


def _passed(request, device):
    """The second factor passed: the session is verified under a new key, the user name's failures forgotten."""
    request.session.cycle_key()
    django_otp.login(request, device)
    login_lockout_lift(username=request.user.get_username())


@require_access()
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    target = navigation.safe_next(request) or navigation.home_url_for(user) or "/"
    if not second_factor_required(user) or user.is_verified():
        return redirect(target)
    if totp_device_of(user) is None:
        return redirect("accounts:two-factor-enrol")
    if _locked(request):
        logout(request)
        return lockout_response(request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = second_factor_check(user=user, code=form.cleaned_data["code"])
        if device is None:
            response = _refuse(request, form, _("The code is not right, or it has already been used."))
            if response is not None:
                return response
        else:
            _passed(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(request, _("Recovery code used: %(count)d left. If your phone is lost, ask the "
                                            "system administrator to reset your two-factor sign-in.")
                                 % {"count": recovery_codes_left(user)})
            return redirect(target)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": navigation.safe_next(request)})


@require_access()
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request):
    user = request.user
    if not second_factor_required(user):
        return redirect(navigation.home_url_for(user) or "/")
    if totp_device_of(user) is not None:
        # Replacing an app is for an administrator's reset: a password alone must never swap the device.
        return redirect("accounts:two-factor-verify")
    if _locked(request):
        logout(request)
        return lockout_response(request)
    form = EnrolCodeForm(request.POST or None)
    if form.is_valid():
        try:
            device, codes = totp_enrolment_confirm(user=user, code=form.cleaned_data["code"])
        except AccountsError as exc:
            if exc.code != "wrong":
                form.add_error("code", exc.message)
            elif (response := _refuse(request, form, exc.message)) is not None:
                return response
        else:
            _passed(request, device)
            request.session[NEW_CODES_KEY] = codes
            return redirect("accounts:two-factor-recovery-codes")
    device = totp_enrolment_start(user=user)
    return render(request, "accounts/two_factor_enrol.html", {
        "form": form, "qr_svg": qr_svg(device), "secret": format_secret(device),
    })


@require_access(perm="accounts.use_staff_site")
@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """The new recovery codes, shown on this one page view only; or the offer to replace them."""
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = recovery_codes_regenerate(user=request.user)
        return redirect("accounts:two-factor-recovery-codes")
    codes = request.session.pop(NEW_CODES_KEY, None)
    return render(request, "accounts/two_factor_recovery_codes.html", {
        "codes": codes, "left": recovery_codes_left(request.user),
        "home": navigation.home_url_for(request.user) or "/",
    })


@require_access(perm="accounts.reset_second_factor")
@require_http_methods(["GET", "POST"])
def reset(request, pk: int):
    """An administrator resets a colleague's second factor, giving the reason that the admin's history keeps."""
    colleague = get_object_or_404(staff_second_factor_list(), pk=pk)
    form = ResetForm(request.POST or None)
    if form.is_valid():
        try:
            second_factor_reset(user=colleague, actor=request.user, reason=form.cleaned_data["reason"])
        except AccountsError as exc:
            form.add_error("reason", exc.message)
        else:
            messages.success(request, _("Two-factor sign-in of %(user)s reset: they set it up again at their next "
                                        "login.") % {"user": colleague})
            return redirect("accounts:two-factor-staff")
    return render(request, "accounts/two_factor_reset.html", {
        "form": form, "colleague": colleague, "enrolled": totp_device_of(colleague) is not None,
    })


@require_access(perm="accounts.reset_second_factor")
def staff_list(request):
    """Every staff login and whether it has set up two-factor sign-in, with the way to reset it."""
    from django.core.paginator import Paginator

    page = Paginator(staff_second_factor_list(), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/two_factor_staff_list.html", {"page": page})
