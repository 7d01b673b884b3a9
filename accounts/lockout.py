"""Login lockout (django-axes): a user name is paused after its failures from anywhere, a network address after
its failures whatever the user names, each group with its own limit; lifting a lockout; the locked-out page.

axes compares the failures of every lockout parameter group (settings.AXES_LOCKOUT_PARAMETERS) with one limit,
AXES_FAILURE_LIMIT. The portal wants a low limit per user name (guessing one person's password) and a higher one
per address (one password tried against many user names, or many people behind one network), so the handler
counts each group against its own limit (settings.LOGIN_LOCKOUT_LIMITS).
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.models import DELETION, LogEntry
from django.db import transaction
from django.db.models import Sum
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _


def _limit(group) -> int:
    names = (group,) if isinstance(group, str) else tuple(group)
    return min(settings.LOGIN_LOCKOUT_LIMITS.get(name, settings.AXES_FAILURE_LIMIT) for name in names)


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The failures that count toward a lockout, on the scale of AXES_FAILURE_LIMIT: a group that reached its
        own limit counts as AXES_FAILURE_LIMIT (or more), so axes locks out when any group is at its limit."""
        scale = settings.AXES_FAILURE_LIMIT
        groups = get_lockout_parameters(request, credentials)
        worst = 0
        for group, attempts in zip(groups, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            worst = max(worst, failures * scale // _limit(group))
        return worst

    def user_logged_in(self, sender, request, user, **kwargs):
        # A password alone is half a staff login: its failures (wrong passwords and wrong codes) are forgotten only
        # once the second factor passes (accounts/views_twofactor.py), else a thief who has the password could
        # log in again after every few wrong codes and guess codes for ever.
        from accounts.twofactor import second_factor_required

        request.axes_second_factor_pending = second_factor_required(user)
        return super().user_logged_in(sender, request, user, **kwargs)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful login forgets the failures of its own user name only. (axes would forget every failure of
        the address too: one good login to an attacker's own account would then reset the count of a password
        tried against everyone else.)"""
        if getattr(request, "axes_second_factor_pending", False):
            return 0
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count

    def remove_out_of_limit_failure_logs(self, *, username: str, limit: int | None = None) -> int:
        """The failure log is an audit record: never trimmed (axes keeps only the last 1,000 per user name, so a
        flood of failures would erase the earlier ones)."""
        return 0


def login_lockout_lift(*, username: str) -> int:
    """Forget the failed logins of a user name (its lockout lifts); the failure log keeps them. The number of
    counters removed."""
    count, _ = AccessAttempt.objects.filter(username=username).delete()
    return count


def lockout_response(request, original_response=None, credentials: dict | None = None):
    """The locked-out page (HTTP 429): how long, and how each kind of user unlocks at once."""
    return render(request, "accounts/locked_out.html", {
        "per_username": settings.AXES_FAILURE_LIMIT,
        "per_address": settings.LOGIN_LOCKOUT_LIMITS["ip_address"],
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)



def login_attempts_forget(*, attempts, actor) -> int:
    """An administrator lifts lockouts: the failure counters go, each recorded in the admin's log (who, when,
    which user name and address); the failure log keeps the failures themselves. The number removed."""
    with transaction.atomic():
        rows = list(attempts.select_for_update())
        with translation.override(settings.LANGUAGE_CODE):  # stored once, read by the bureau
            for attempt in rows:
                LogEntry.objects.log_actions(
                    user_id=actor.pk, queryset=[attempt], action_flag=DELETION, single_object=True,
                    change_message=_("Unlocked: %(count)d failed logins of “%(username)s” from %(address)s "
                                     "forgotten") % {"count": attempt.failures_since_start,
                                                     "username": attempt.username, "address": attempt.ip_address},
                )
        AccessAttempt.objects.filter(pk__in=[attempt.pk for attempt in rows]).delete()
    return len(rows)
