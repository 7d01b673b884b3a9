"""Admin: the rule tables (effective dates, source, verified) and the employment records, read-only."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import ReadOnlyAdminMixin
from accounts.models import Employer, Person
from accounts.text import enumeration, labelled
from employment.models import (
    BenefitClaim,
    BenefitLevel,
    DifficultyDetermination,
    FraudFlag,
    FraudReview,
    FundRule,
    MinimumWage,
    Payment,
    Prompt,
    StatusPeriod,
    SubsidyGrant,
    SubsidyRule,
)
from employment.models.choices import Situation
from workflow.models import ServiceType


def checks_html(checks) -> str:
    """Check results (the criteria a determination or a grant was decided on) as the case page shows them."""
    return render_to_string("workflow/partials/_case_checks.html",
                            {"checks": [check for check in checks or [] if isinstance(check, dict)]})


# The keys of a subsidy grant's details, by what they hold.
DETAIL_LABELS = {
    "business": _("Business (unified social credit code)"), "certificate": _("Certificate number"),
    "course": _("Course"), "placed_on": _("Placed on"), "employer_id": _("Employer"), "persons": _("Persons hired"),
    "situations": _("Situations"), "paid": _("Contributions paid (yuan)"), "months": _("Months paid for"),
}


def _detail_value(key, value) -> str:
    if value in (None, "", []):
        return "—"
    if key == "persons":
        return enumeration(Person.objects.filter(pk__in=value).order_by("pk").values_list("name", flat=True))
    if key == "employer_id":
        return str(Employer.objects.filter(pk=value).first() or value)
    if key == "situations":
        return enumeration(Situation(code).label if code in Situation.values else code for code in value)
    return enumeration(value) if isinstance(value, list) else str(value)


class RuleAdmin(admin.ModelAdmin):
    """Every rule row shows where it comes from and whether the bureau has verified it."""

    list_filter = ("verified",)
    list_editable = ("verified",)
    search_fields = ("source",)
    save_on_top = True


@admin.register(SubsidyRule)
class SubsidyRuleAdmin(RuleAdmin):
    list_display = ("subsidy", "variant_name", "amount", "unit", "required_insurance_months", "valid_from",
                    "valid_to", "verified", "source")
    list_filter = ("subsidy", "verified")

    @admin.display(description=_("variant"), ordering="variant")
    def variant_name(self, obj):
        return obj.variant_label or "—"


@admin.register(MinimumWage)
class MinimumWageAdmin(RuleAdmin):
    list_display = ("tier", "amount", "valid_from", "valid_to", "verified", "source")


@admin.register(BenefitLevel)
class BenefitLevelAdmin(RuleAdmin):
    list_display = ("percent", "wage_tier", "valid_from", "valid_to", "verified", "source")


@admin.register(FundRule)
class FundRuleAdmin(RuleAdmin):
    list_display = ("item", "situation", "fund", "priority", "valid_from", "valid_to", "verified", "source")
    list_filter = ("item", "fund", "verified")


class RecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Records are written by the services only: the admin reads them."""

    list_per_page = 50


@admin.register(StatusPeriod)
class StatusPeriodAdmin(RecordAdmin):
    list_display = ("person", "kind", "employer", "started_on", "ended_on", "end_reason", "involuntary")
    list_filter = ("kind", "end_reason")
    list_select_related = ("person", "employer")
    raw_id_fields = ("person", "employer")
    search_fields = ("person__id_number", "person__name", "employer__name")


@admin.register(DifficultyDetermination)
class DifficultyDeterminationAdmin(RecordAdmin):
    list_display = ("person", "valid_from", "valid_until", "ended_on", "category_names")
    list_select_related = ("person",)
    search_fields = ("person__id_number", "person__name")
    exclude = ("categories", "evidence")
    readonly_fields = ("category_names", "evidence_checks")

    @admin.display(description=_("categories"))
    def category_names(self, obj):
        return enumeration(obj.category_labels)

    @admin.display(description=_("evidence"))
    def evidence_checks(self, obj):
        return checks_html(obj.evidence)


@admin.register(Prompt)
class PromptAdmin(RecordAdmin):
    """Its message says what the data behind it found; the data itself is for the rules."""

    list_display = ("person", "rule", "suggested_service", "raised_at", "resolved_at", "resolution")
    list_filter = ("rule", "resolution")
    list_select_related = ("person",)
    search_fields = ("person__id_number", "person__name")
    exclude = ("suggests", "data")
    readonly_fields = ("suggested_service",)

    @admin.display(description=_("suggested business"))
    def suggested_service(self, obj):
        service = ServiceType.objects.filter(code=obj.suggests).first() if obj.suggests else None
        return service.name if service else "—"


@admin.register(BenefitClaim)
class BenefitClaimAdmin(RecordAdmin):
    list_display = ("person", "first_month", "last_month", "entitled_months", "monthly_amount", "status",
                    "stop_reason")
    list_filter = ("status", "stop_reason")
    list_select_related = ("person",)
    search_fields = ("person__id_number", "person__name")


@admin.register(SubsidyGrant)
class SubsidyGrantAdmin(RecordAdmin):
    list_display = ("subsidy", "person", "employer", "amount", "fund", "granted_at")
    list_filter = ("subsidy", "fund")
    list_select_related = ("person", "employer")
    search_fields = ("person__id_number", "person__name", "employer__name")
    exclude = ("criteria", "details")
    readonly_fields = ("criteria_checks", "detail_rows")

    @admin.display(description=_("criteria it was granted on"))
    def criteria_checks(self, obj):
        return checks_html(obj.criteria)

    @admin.display(description=_("details"))
    def detail_rows(self, obj):
        rows = [labelled(DETAIL_LABELS.get(key, key), _detail_value(key, value))
                for key, value in (obj.details or {}).items()]
        return format_html_join(mark_safe("<br>"), "{}", ((row,) for row in rows)) or "—"


@admin.register(Payment)
class PaymentAdmin(RecordAdmin):
    list_display = ("reference", "item", "person", "employer", "month", "amount", "fund", "status")
    list_filter = ("item", "fund", "status")
    list_select_related = ("person", "employer")
    search_fields = ("reference", "person__id_number", "employer__credit_code")
    exclude = ("failure_reason",)
    readonly_fields = ("why_it_failed",)

    @admin.display(description=_("why it failed"))
    def why_it_failed(self, obj):
        return obj.failure_text or "—"


@admin.register(FraudReview)
class FraudReviewAdmin(RecordAdmin):
    list_display = ("person", "overpaid", "status", "case", "opened_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("person", "case")


@admin.register(FraudFlag)
class FraudFlagAdmin(RecordAdmin):
    list_display = ("person", "month", "reason", "employer", "amount", "source", "detected_at")
    list_filter = ("reason", "source")
    list_select_related = ("person", "employer")
