"""Colleagues' logins: the administrator adds, deactivates and reactivates them; staff see the list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import delegated_access, require_access
from accounts.lockout import login_lockout_lift
from accounts.models import User
from accounts.services import password_chosen
from portal.employer import selectors, services
from portal.employer.exceptions import EmployerError
from portal.employer.forms import ColleagueForm
from portal.employer.views.common import MANAGE, USE, employer_of

SHOWN_ONCE = "employer:colleague-secret"


def _remember(request, secret: services.Secret) -> None:
    """Shown once on the next page, then gone (never in a URL, never in the page after)."""
    request.session[SHOWN_ONCE] = {"kind": secret.kind, "value": secret.value, "username": secret.username,
                                   "sms_sent": secret.sms_sent}


def _recall(request) -> dict | None:
    secret = request.session.pop(SHOWN_ONCE, None)
    if secret and secret["kind"] == services.LINK:
        secret["value"] = request.build_absolute_uri(secret["value"])
    return secret


@require_access(perm=USE)
def users(request):
    employer = employer_of(request)
    return render(request, "portal/employer/colleague_list.html", {
        "colleagues": selectors.colleagues_of(employer=employer), "secret": _recall(request),
        "can_manage": request.user.has_perm("accounts.manage_employer_users"),
    })


@require_access(perm=MANAGE)
def user_add(request):
    employer_of(request)
    form = ColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, secret = services.colleague_add(actor=request.user, username=data["username"], name=data["name"],
                                                  phone=data["phone"] or "", is_admin=data["role"] == "admin",
                                                  method=data["method"])
        except EmployerError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            _remember(request, secret)
            messages.success(request, _("Login %(username)s added.") % {"username": user.username})
            return redirect("employer:users")
    return render(request, "portal/employer/colleague_add.html", {"form": form})


def _colleague(request, user_id: int) -> User:
    return get_object_or_404(selectors.colleagues_of(employer=employer_of(request)), pk=user_id)


def _set_active(request, user_id: int, active: bool):
    colleague = _colleague(request, user_id)
    try:
        services.colleague_set_active(actor=request.user, colleague=colleague, active=active)
    except EmployerError as exc:
        messages.error(request, exc.message)
    else:
        text = _("Login %(username)s reactivated.") if active else _("Login %(username)s deactivated: it can no "
                                                                     "longer be used.")
        messages.success(request, text % {"username": colleague.username})
    return redirect("employer:users")


@require_access(perm=MANAGE)
@require_POST
def user_deactivate(request, user_id: int):
    return _set_active(request, user_id, False)


@require_access(perm=MANAGE)
@require_POST
def user_activate(request, user_id: int):
    return _set_active(request, user_id, True)


@require_access(perm=MANAGE)
@require_POST
def user_link(request, user_id: int):
    colleague = _colleague(request, user_id)
    try:
        _remember(request, services.colleague_link(actor=request.user, colleague=colleague))
    except EmployerError as exc:
        messages.error(request, exc.message)
    return redirect("employer:users")


@delegated_access("the one-time token in the link (Django's password-reset token): void once the password is set")
class SetPasswordView(auth_views.PasswordResetConfirmView):
    """A new colleague (or one who forgot their password) chooses it with the link the administrator gave them.
    The token leaves the address at once (Django keeps it in the session); an invalid or used link is a 404."""

    template_name = "portal/employer/colleague_set_password.html"
    success_url = reverse_lazy("accounts:login")
    reset_url_token = "set-password"  # noqa: S105 (a URL segment, not a password)

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is None or user.kind != User.Kind.EMPLOYER or not user.is_active:
            return None
        return user

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if getattr(response, "context_data", None) is not None and not response.context_data.get("validlink"):
            response.status_code = 404  # the page says so and how to get a new link
        return response

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set: log in with your user name and it."))
        response = super().form_valid(form)
        password_chosen(user=form.user)
        login_lockout_lift(username=form.user.username)  # failed logins before the new password no longer count
        return response
