"""Admin of the login records (django-axes) and of the admin's own log: read only, for every user.

Successful and failed logins (AccessLog, AccessFailureLog) are audit records: nobody changes or deletes them.
A failure counter (AccessAttempt) is what keeps a user name or an address locked; the administrator lifts a
lockout with the "unlock" action, which is recorded in the admin's log, never by deleting or editing rows.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin_mixins import ReadOnlyAdminMixin
from accounts.lockout import login_attempts_forget


@admin.register(AccessLog)
class LoginLogAdmin(ReadOnlyAdminMixin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class LoginFailureLogAdmin(ReadOnlyAdminMixin, AccessFailureLogAdmin):
    pass


@admin.register(AccessAttempt)
class LoginAttemptAdmin(ReadOnlyAdminMixin, AccessAttemptAdmin):
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
