"""Admin: the catalogue (limits, materials, escalation), the working-day calendar (editing it recomputes open
cases' deadlines), cases and the outbox."""

from django.apps import apps
from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin_mixins import FixedRowsAdminMixin, ReadOnlyAdminMixin
from accounts.text import enumeration, labelled
from workflow.models import (
    CalendarDay,
    CalendarYear,
    Case,
    CaseDocument,
    CaseEvent,
    CaseStep,
    EscalationPolicy,
    OutboundMessage,
    PointService,
    ServiceMaterial,
    ServiceType,
)
from workflow.registry import Channel
from workflow.rules.holidays import statutory_holidays
from workflow.selectors.backoffice import case_materials, case_summary
from workflow.selectors.calendar import provisional_deadline_years
from workflow.services.calendar import calendar_changed


def domain_label(domain: str) -> str:
    """A service's domain is the label of the app that registers it: people read the app's name."""
    try:
        return str(apps.get_app_config(domain).verbose_name)
    except LookupError:
        return domain


class DomainFilter(admin.SimpleListFilter):
    title = _("domain")
    parameter_name = "domain"
    field = "domain"

    def lookups(self, request, model_admin):
        domains = ServiceType.objects.order_by().values_list("domain", flat=True).distinct()
        return [(domain, domain_label(domain)) for domain in sorted(domains)]

    def queryset(self, request, queryset):
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset


class ServiceDomainFilter(DomainFilter):
    field = "service__domain"


class ServiceMaterialInline(admin.TabularInline):
    model = ServiceMaterial
    extra = 0

    def get_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return ("code", "name_zh", "name_en", "required", "order")
        return ("name_zh", "required", "order")  # one who only reads it reads the names, not the code or English


class PointServiceInline(admin.TabularInline):
    """The levels of service point (street, community) that accept the service at their counter."""

    model = PointService
    extra = 0
    fields = ("level",)


@admin.register(PointService)
class PointServiceAdmin(admin.ModelAdmin):
    """What each level of service point accepts: one row per level and service. The model's clean() refuses a
    service no counter can start."""

    list_display = ("level", "service_name", "domain_name")
    list_filter = ("level", ServiceDomainFilter)
    search_fields = ("service__code", "service__name_zh", "service__name_en")
    list_select_related = ("service",)

    @admin.display(description=_("service"), ordering="service__name_zh")
    def service_name(self, obj):
        return obj.service.name

    @admin.display(description=_("domain"), ordering="service__domain")
    def domain_name(self, obj):
        return domain_label(obj.service.domain)


@admin.register(ServiceType)
class ServiceTypeAdmin(FixedRowsAdminMixin, admin.ModelAdmin):
    """Services by their names: the code and the English name stay searchable, not shown on a Chinese page."""

    list_display = ("name_zh", "domain_name", "kind", "limit", "limit_unit", "escalation_policy", "is_active",
                    "in_registry", "use_count")
    list_filter = (DomainFilter, "kind", "is_active", "in_registry")
    search_fields = ("code", "name_zh", "name_en")
    readonly_fields = ("name_zh", "domain_name", "kind", "applicant", "channel_names", "in_registry", "use_count")
    fields = (*readonly_fields[:5], "limit", "limit_unit", "escalation_policy", "is_active", "in_registry",
              "use_count")
    inlines = [ServiceMaterialInline, PointServiceInline]

    @admin.display(description=_("domain"), ordering="domain")
    def domain_name(self, obj):
        return domain_label(obj.domain)

    @admin.display(description=_("channels"))
    def channel_names(self, obj):
        return enumeration(Channel(code).label if code in Channel.values else code for code in obj.channels)


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
    fields = ("step_label", "due_at", "done_at", "target_office", "target_user", "acknowledged_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("step"))
    def step_label(self, obj):
        return obj.label


class CaseDocumentInline(admin.TabularInline):
    model = CaseDocument
    extra = 0
    can_delete = False
    fields = ("original_name", "material", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("material"))
    def material(self, obj):
        names = {row.code: row.name for row in obj.case.service.materials.all()}
        return names.get(obj.material_code, obj.material_code) or "—"


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: cases change only through the workflow's services. The application, the checks and the
    materials read as on the case page; what approval wrote (`result`) shows in the service's summary and in the
    records it made (grant, claim, card...), each with its own admin."""

    list_display = ("number", "service", "status", "channel", "jurisdiction_office", "deadline", "accepted_at")
    list_filter = ("status", "channel", ServiceDomainFilter)
    search_fields = ("=number", "=tracking_code", "=person__id_number", "=employer__credit_code")
    list_select_related = ("service", "jurisdiction_office")
    raw_id_fields = ("person", "employer", "accepted_by", "reviewer")
    inlines = [CaseEventInline, CaseStepInline, CaseDocumentInline]
    show_full_result_count = False
    fields = ("number", "tracking_code", "service", "person", "employer", "channel", "accepted_office",
              "accepted_by", "jurisdiction_office", "reviewer", "status", "application", "check_results",
              "materials", "decision_note", "accepted_at", "deadline", "paused_at", "next_step_at",
              "escalation_level", "decided_at", "closed_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # its timeline is an audit record: shown, never edited or deleted

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("application data"))
    def application(self, obj):
        return render_to_string("workflow/partials/_case_data.html", {"summary": case_summary(obj)})

    @admin.display(description=_("check results"))
    def check_results(self, obj):
        checks = [check for check in (obj.checks or []) if isinstance(check, dict)]
        return render_to_string("workflow/partials/_case_checks.html", {"checks": checks})

    @admin.display(description=_("materials"))
    def materials(self, obj):
        rows = case_materials(obj)
        received = enumeration(row.name for row in rows if row.received) or "—"
        missing = enumeration(row.name for row in rows if row.missing) or "—"
        return format_html("{}<br>{}", labelled(_("materials received"), received),
                           labelled(_("materials requested"), missing))


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The SMS outbox: what was sent to whom and when, kept as it is."""

    list_display = ("phone", "case", "status", "attempts", "created_at", "sent_at", "delivered_at")
    list_filter = ("status",)
    # The idempotency key ("insurance:card-ready:135") is for the code; it stays searchable, not shown.
    search_fields = ("=key", "=phone", "=provider_id")
    # The kind and parameters are for a template provider; the text shows the same for people.
    readonly_fields = [f.name for f in OutboundMessage._meta.fields if f.name not in ("id", "key", "kind", "params")]
    fields = readonly_fields
    show_full_result_count = False

from workflow import admin_ratings, admin_sms  # noqa: E402,F401  the ratings' and the SMS templates' admin
