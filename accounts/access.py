"""Access declared on every view, refused by default: decorators that declare it and the middleware that enforces it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.passwords import RULES_UNMET_SESSION_KEY, password_expired

logger = logging.getLogger(__name__)

ACCESS_ATTR = "access_rule"
# What a user who must choose a new password may still open (public pages aside).
PASSWORD_CHANGE_VIEWS = frozenset({"accounts:password-change", "accounts:password-change-done", "accounts:logout"})
# What a signed-in user who still owes the second factor (accounts/twofactor.py) may open: nothing else, public
# pages and the admin included. Views that authenticate their caller themselves (API tokens, screen keys) ignore
# the session and stay open.
SECOND_FACTOR_VIEWS = frozenset({"accounts:two-factor-verify", "accounts:two-factor-enrol", "accounts:logout",
                                 "admin:logout", "portal:set-language"})


@dataclass(frozen=True)
class AccessRule:
    """Who may use a view. `public` lets anyone in; otherwise a login and every listed permission."""

    public: bool = False
    perms: tuple[str, ...] = field(default_factory=tuple)
    # The view authenticates the caller itself (API tokens, signed provider callbacks).
    delegated: str = ""

    def describe(self) -> str:
        if self.public:
            return "public"
        if self.delegated:
            return f"delegated: {self.delegated}"
        return "login" + (f" + {', '.join(self.perms)}" if self.perms else "")


def _declare(rule: AccessRule):
    def mark(view):
        setattr(view, ACCESS_ATTR, rule)
        return view

    return mark


def public(view):
    """Anyone may use this view, logged in or not."""
    return _declare(AccessRule(public=True))(view)


def require_access(*, perm: str | tuple[str, ...] | None = None):
    """A logged-in user holding every permission named (or just a login when none is named)."""
    perms = (perm,) if isinstance(perm, str) else tuple(perm or ())
    return _declare(AccessRule(perms=perms))


def delegated_access(reason: str):
    """The view checks its caller itself (a token, a signature); say how."""
    return _declare(AccessRule(delegated=reason))


def access_rule_of(view_func) -> AccessRule | None:
    rule = getattr(view_func, ACCESS_ATTR, None)
    if rule is None and hasattr(view_func, "view_class"):
        rule = getattr(view_func.view_class, ACCESS_ATTR, None)
    return rule


def is_exempt(request) -> bool:
    match = getattr(request, "resolver_match", None)
    namespaces = set(match.namespaces) if match else set()
    return bool(namespaces & set(settings.ACCESS_EXEMPT_NAMESPACES))


class AccessMiddleware:
    """Refuse every view that declares no access rule; enforce the rule of those that do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = access_rule_of(view_func)
        if _second_factor_pending(request, rule):
            url = reverse("accounts:two-factor-verify")
            if request.method == "GET" and not request.headers.get("HX-Request"):
                url += "?" + urlencode({"next": request.get_full_path()})
            return _send_to(request, url)
        if _password_change_pending(request, rule):
            if getattr(request.user, "must_change_password", False):
                messages.warning(request, _("Choose your own password before you go on: the one you used was "
                                            "handed to you."))
            elif request.session.get(RULES_UNMET_SESSION_KEY):
                messages.warning(request, _("Your password does not meet the rules for staff passwords: choose a "
                                            "new one before you go on."))
            else:
                messages.warning(request, _("Your password is more than %(days)d days old: choose a new one before "
                                            "you go on.") % {"days": settings.PASSWORD_MAX_AGE_DAYS})
            return _send_to(request, reverse("accounts:password-change"))
        if is_exempt(request):
            return None
        if rule is None:
            logger.error("View %s declares no access rule; refused.", getattr(view_func, "__qualname__", view_func))
            raise PermissionDenied("This page declares no access rule.")
        if rule.public or rule.delegated:
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.has_perms(rule.perms):
            raise PermissionDenied
        return None


def _send_to(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):  # a partial page: send the whole browser there
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _second_factor_pending(request, rule: AccessRule | None) -> bool:
    """A signed-in user who must pass a second factor and has not in this session, on a page other than those
    that let them pass it (or leave)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or (rule is not None and rule.delegated):
        return False
    from accounts.twofactor import second_factor_required

    if not second_factor_required(user) or getattr(user, "is_verified", lambda: False)():
        return False
    match = getattr(request, "resolver_match", None)
    return match is None or match.view_name not in SECOND_FACTOR_VIEWS


def _password_change_pending(request, rule: AccessRule | None) -> bool:
    """A signed-in user whose password someone else chose, or a staff login whose password expired
    (settings.PASSWORD_MAX_AGE_DAYS), on a page that needs a login (the admin's included)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not (getattr(user, "must_change_password", False) or password_expired(user)
            or request.session.get(RULES_UNMET_SESSION_KEY)):
        return False
    if rule is not None and (rule.public or rule.delegated):
        return False
    match = getattr(request, "resolver_match", None)
    # The second factor comes first (a password alone changes no password), so its pages, and the recovery codes
    # shown once right after enrolment, stay open while a password change is owed: else each sends to the other.
    return match is None or match.view_name not in PASSWORD_CHANGE_VIEWS | SECOND_FACTOR_VIEWS | {
        "accounts:two-factor-recovery-codes"}
