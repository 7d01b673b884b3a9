"""Admin of the login records (django-axes) and of the admin's own log: read only, for every user.

The access log (who read which person's record) and the uses of e-card codes are append-only: nobody,
superusers included, adds, changes or deletes a row here, and it offers no action.
Successful and failed logins (AccessLog, AccessFailureLog) are audit records: nobody changes or deletes them.
A failure counter (AccessAttempt) is what keeps a user name or an address locked; the administrator lifts a
lockout with the "unlock" action, which is recorded in the admin's log, never by deleting or editing rows.
"""

import re

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin_mixins import ReadOnlyAdminMixin
from accounts.identifiers import normalize_id_number
from accounts.lockout import login_attempts_forget
from accounts.models import AccessLogEntry, ECardUse

UNKNOWN = "<unknown>"  # what axes stores when a request had no user agent or path
_SHOWN = {"user_agent": "user_agent_shown", "path_info": "path_shown", "http_accept": "accept_shown"}


def _shown(names):
    return [_SHOWN.get(name, name) for name in names]


class LoginRecordAdmin(ReadOnlyAdminMixin):
    """axes' admins with its "<unknown>" shown as 未知, and no filter by path (a list of raw addresses)."""

    def get_list_display(self, request):
        return _shown(super().get_list_display(request))

    def get_list_filter(self, request):
        return [f for f in super().get_list_filter(request) if f != "path_info"]

    def get_fieldsets(self, request, obj=None):
        return [(name, {**options, "fields": _shown(options["fields"])})
                for name, options in super().get_fieldsets(request, obj)]

    def get_readonly_fields(self, request, obj=None):
        return _shown(super().get_readonly_fields(request, obj))

    @staticmethod
    def _known(value):
        return _("unknown") if value in ("", UNKNOWN) else value

    @admin.display(description=_("User Agent"))
    def user_agent_shown(self, obj):
        return self._known(obj.user_agent)

    @admin.display(description=_("Path"))
    def path_shown(self, obj):
        return self._known(obj.path_info)

    @admin.display(description=_("HTTP Accept"))
    def accept_shown(self, obj):
        return self._known(obj.http_accept)


@admin.register(AccessLog)
class LoginLogAdmin(LoginRecordAdmin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class LoginFailureLogAdmin(LoginRecordAdmin, AccessFailureLogAdmin):
    pass


@admin.register(AccessAttempt)
class LoginAttemptAdmin(LoginRecordAdmin, AccessAttemptAdmin):
    actions = ["unlock"]

    def get_actions(self, request):
        # Django offers an action only with the permission it names; "unlock" names none but needs a superuser.
        actions = super().get_actions(request)
        return actions if request.user.is_superuser else {}

    @admin.display(description=_("status"))
    def status(self, obj):
        # axes' own column reads "3 Attempt Remaining", a number glued to an English phrase.
        left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if left <= 0:
            return _("Locked Out")
        return ngettext("%(count)d attempt left", "%(count)d attempts left", left) % {"count": left}

    @admin.action(description=_("Unlock: forget these failed logins (recorded in the admin's log)"))
    def unlock(self, request, queryset):
        count = login_attempts_forget(attempts=queryset, actor=request.user)
        messages.success(request, ngettext("%(count)d failure counter removed: unlocked.",
                                           "%(count)d failure counters removed: unlocked.", count)
                         % {"count": count})


@admin.register(LogEntry)
class AdminLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What administrators did in the admin (including unlocking logins)."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "change_message")
    list_filter = ("action_flag", "content_type")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"
    list_select_related = ("user", "content_type")
    show_full_result_count = False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who read which person's record: searched by identity number, staff number or login, case or ticket."""

    list_display = ("at", "person", "staff_number", "user", "api_client", "office", "page", "case_number", "ticket",
                    "address")
    list_filter = ("page", "office")
    search_fields = ("=person__id_number", "=staff_number", "=user__username", "=case_number", "=ticket")
    search_help_text = _("An identity number, a staff number or login, a case number or a ticket, exactly.")
    date_hierarchy = "at"
    list_select_related = ("person", "user", "api_client", "office")
    show_full_result_count = False
    actions = None

    def get_search_results(self, request, queryset, search_term):
        # An identity number as it is stored (capital X, no spaces), however it was typed.
        number = normalize_id_number(search_term)
        if re.fullmatch(r"\d{17}[\dX]", number):
            search_term = number
        return super().get_search_results(request, queryset, search_term)


@admin.register(ECardUse)
class ECardUseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Where and by whom each e-card code identified its person (written once by accounts.ecard, never changed)."""

    list_display = ("used_at", "person", "channel", "office", "used_by", "ticket", "issued_at")
    list_filter = ("channel", "office")
    search_fields = ("=person__id_number", "=used_by__username", "=ticket")
    search_help_text = _("An identity number, a login or a ticket, exactly.")
    date_hierarchy = "used_at"
    list_select_related = ("person", "used_by", "office")
    show_full_result_count = False
    actions = None
    exclude = ("nonce",)
