"""Admin for places, parties and logins: searchable by identity number, credit code and name."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Employer, Office, Person, Region, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "region__name")
    raw_id_fields = ("region",)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "masked_id_number", "sex", "birth_date", "hukou_region", "residence_region")
    list_filter = ("sex", "hukou_type", "is_disabled", "in_low_income_household", "in_zero_employment_household")
    search_fields = ("=id_number", "name", "phone")
    raw_id_fields = ("hukou_region", "residence_region")
    readonly_fields = ("sex", "birth_date", "created_at", "updated_at")
    list_select_related = ("hukou_region", "residence_region")
    show_full_result_count = False

    @admin.display(description=_("identity number"))
    def masked_id_number(self, obj):
        return obj.masked_id_number


@admin.register(Employer)
class EmployerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "credit_code", "region", "status")
    list_filter = ("status",)
    search_fields = ("=credit_code", "name")
    raw_id_fields = ("region",)
    list_select_related = ("region",)
    show_full_result_count = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "last_name", "first_name", "kind", "office", "staff_number", "is_active")
    list_filter = ("kind", "groups", "is_active")
    search_fields = ("username", "last_name", "first_name", "staff_number", "person__id_number",
                     "employer__credit_code")
    raw_id_fields = ("office", "person", "employer")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Bureau"), {"fields": ("kind", "office", "staff_number", "person", "employer", "phone")}),
    )
