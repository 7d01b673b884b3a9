"""The admin of the apps' time-limit tables (workflow.models.sourced.TimeLimitTable): the bureau edits each figure,
its unit and its source, and ticks it verified; the codes are the services'."""

from django.contrib import admin

from accounts.admin_mixins import FixedRowsAdminMixin


class TimeLimitTableAdmin(FixedRowsAdminMixin, admin.ModelAdmin):
    list_display = ("code", "days", "unit", "source", "verified")
    list_filter = ("verified",)
    fields = ("code", "days", "unit", "source", "verified")  # the figure first (the model lists inherited fields first)
    readonly_fields = ("code",)
