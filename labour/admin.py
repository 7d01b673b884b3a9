"""Admin: the time-limit rule table (source, verified; the leadership edits it) and labour's records, read-only."""

from django.contrib import admin

from accounts.admin_mixins import ReadOnlyAdminMixin
from labour.models import Arbitration, Complaint, Filing, Hearing, TimeLimitRule, WageMatter
from workflow.admin_tables import TimeLimitTableAdmin


@admin.register(TimeLimitRule)
class TimeLimitRuleAdmin(TimeLimitTableAdmin):
    pass


@admin.register(WageMatter)
class WageMatterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("employer", "office", "period_from", "period_to", "status", "opened_at")
    list_filter = ("status", "office")
    list_select_related = ("employer", "office")


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("case", "person", "employer", "kind", "amount", "accepted_at", "outcome")
    list_filter = ("kind", "outcome")
    list_select_related = ("case", "person", "employer")
    search_fields = ("case__number",)


@admin.register(Arbitration)
class ArbitrationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("case", "person", "employer", "accepted_at", "award", "awarded_at")
    list_filter = ("award",)
    list_select_related = ("case", "person", "employer")


@admin.register(Hearing)
class HearingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("arbitration", "at", "place", "scheduled_at")


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("case", "employer", "kind", "workers", "valid_from", "valid_to")
    list_filter = ("kind",)
    list_select_related = ("case", "employer")
