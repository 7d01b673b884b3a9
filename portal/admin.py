"""Admin of the data-exchange API's records: the request log and the kept answers to idempotent writes, read only
for every user (audit records: nobody changes or deletes them)."""

from django.contrib import admin

from accounts.admin_mixins import ReadOnlyAdminMixin
from portal.models import ApiRequestLog, IdempotentRequest


@admin.register(ApiRequestLog)
class ApiRequestLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "client", "method", "endpoint", "status_code", "outcome", "duration_ms")
    list_filter = ("status_code", "method", "client")
    search_fields = ("endpoint", "outcome")
    date_hierarchy = "at"
    list_select_related = ("client",)
    show_full_result_count = False


@admin.register(IdempotentRequest)
class IdempotentRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "client", "endpoint", "request_id", "status_code")
    list_filter = ("endpoint", "client")
    search_fields = ("=request_id",)
    date_hierarchy = "created_at"
    list_select_related = ("client",)
    show_full_result_count = False
