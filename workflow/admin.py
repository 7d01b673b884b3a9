"""Admin: the catalogue (limits, materials, escalation), the working-day calendar (editing it recomputes open
cases' deadlines), cases and the outbox."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin_mixins import ReadOnlyAdminMixin
from workflow.models import (
    CalendarDay,
    CalendarYear,
    Case,
    CaseDocument,
    CaseEvent,
    CaseStep,
    EscalationPolicy,
    OutboundMessage,
    ServiceMaterial,
    ServiceType,
)
from workflow.rules.holidays import statutory_holidays
from workflow.selectors.calendar import provisional_deadline_years
from workflow.services.calendar import calendar_changed


class ServiceMaterialInline(admin.TabularInline):
    model = ServiceMaterial
    extra = 0


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "domain", "kind", "limit", "limit_unit", "escalation_policy", "is_active",
                    "in_registry", "use_count")
    list_filter = ("domain", "kind", "is_active", "in_registry")
    search_fields = ("code", "name_zh", "name_en")
    readonly_fields = ("code", "name_zh", "name_en", "domain", "kind", "applicant", "channels", "in_registry",
                       "use_count")
    fields = (*readonly_fields[:7], "limit", "limit_unit", "escalation_policy", "is_active", "use_count")
    inlines = [ServiceMaterialInline]

    def has_add_permission(self, request):
        return False  # services come from the code's registry

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EscalationPolicy)
class EscalationPolicyAdmin(admin.ModelAdmin):
    list_display = ("name", "remind_before_days", "grace_days", "level_interval_days", "max_levels")


def _recomputed(request, years, actor) -> None:
    count = calendar_changed(years=years, actor=actor)
    if count:
        messages.info(request, ngettext("%(count)d open case got a new deadline (see its timeline).",
                                        "%(count)d open cases got a new deadline (see their timelines).", count)
                      % {"count": count})


class CalendarEditAdmin(admin.ModelAdmin):
    """Every save or delete of a calendar row recomputes the deadlines of the open cases its year reaches
    (workflow.services.calendar_changed), in the admin's transaction."""

    def years_of(self, obj) -> set[int]:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        before = self.years_of(self.model.objects.get(pk=obj.pk)) if change else set()
        super().save_model(request, obj, form, change)
        if not change or set(form.changed_data) - {"verified", "source", "name"}:
            _recomputed(request, before | self.years_of(obj), request.user)

    def delete_model(self, request, obj):
        years = self.years_of(obj)
        super().delete_model(request, obj)
        _recomputed(request, years, request.user)

    def delete_queryset(self, request, queryset):
        years = set().union(*(self.years_of(obj) for obj in queryset))
        super().delete_queryset(request, queryset)
        _recomputed(request, years, request.user)


@admin.register(CalendarYear)
class CalendarYearAdmin(CalendarEditAdmin):
    """Which years' holidays are loaded. Add a year's days first, then the year: until the year is here its
    statutory holidays count (provisional)."""

    list_display = ("year", "holidays", "exchanged_workdays", "source", "verified", "loaded_at")
    list_editable = ("verified",)

    def years_of(self, obj) -> set[int]:
        return {obj.year}

    def changelist_view(self, request, extra_context=None):
        for year in provisional_deadline_years():
            days = "、".join(f"{day:%m-%d} {name}" for day, name in statutory_holidays(year).items())
            messages.warning(request, _("%(year)s has no notice loaded: deadlines count its statutory holidays "
                                        "only (provisional): %(days)s.") % {"year": year, "days": days})
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("public holidays"))
    def holidays(self, obj):
        return CalendarDay.objects.filter(date__year=obj.year, kind=CalendarDay.Kind.HOLIDAY).count()

    @admin.display(description=_("weekend days worked"))
    def exchanged_workdays(self, obj):
        return CalendarDay.objects.filter(date__year=obj.year, kind=CalendarDay.Kind.WORKDAY).count()


@admin.register(CalendarDay)
class CalendarDayAdmin(CalendarEditAdmin):
    list_display = ("date", "kind", "name")
    list_filter = ("kind", ("date", admin.DateFieldListFilter))
    date_hierarchy = "date"
    search_fields = ("name",)

    def years_of(self, obj) -> set[int]:
        return {obj.date.year}


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "at", "actor", "office", "from_status", "to_status", "note")

    def has_add_permission(self, request, obj=None):
        return False


class CaseStepInline(admin.TabularInline):
    model = CaseStep
    extra = 0
    can_delete = False
    readonly_fields = ("step", "level", "due_at", "done_at", "target_office", "target_user", "acknowledged_at")

    def has_add_permission(self, request, obj=None):
        return False


class CaseDocumentInline(admin.TabularInline):
    model = CaseDocument
    extra = 0
    can_delete = False
    fields = ("original_name", "material_code", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: cases change only through the workflow's services."""

    list_display = ("number", "service", "status", "channel", "jurisdiction_office", "deadline", "accepted_at")
    list_filter = ("status", "channel", "service__domain")
    search_fields = ("=number", "=tracking_code", "=person__id_number", "=employer__credit_code")
    list_select_related = ("service", "jurisdiction_office")
    raw_id_fields = ("person", "employer", "accepted_by", "reviewer")
    inlines = [CaseEventInline, CaseStepInline, CaseDocumentInline]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Case._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # its timeline is an audit record: shown, never edited or deleted

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The SMS outbox: what was sent to whom and when, kept as it is."""

    list_display = ("key", "phone", "status", "attempts", "created_at", "sent_at", "delivered_at")
    list_filter = ("status",)
    search_fields = ("=key", "=phone", "=provider_id")
    readonly_fields = [f.name for f in OutboundMessage._meta.fields]
    show_full_result_count = False
