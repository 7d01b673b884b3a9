"""Admin: the rule tables (effective dates, source, verified) and the employment records, read-only."""

from django.contrib import admin

from accounts.admin_mixins import ReadOnlyAdminMixin
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


class RuleAdmin(admin.ModelAdmin):
    """Every rule row shows where it comes from and whether the bureau has verified it."""

    list_filter = ("verified",)
    list_editable = ("verified",)
    search_fields = ("source",)
    save_on_top = True


@admin.register(SubsidyRule)
class SubsidyRuleAdmin(RuleAdmin):
    list_display = ("subsidy", "variant", "amount", "unit", "required_insurance_months", "valid_from", "valid_to",
                    "verified", "source")
    list_filter = ("subsidy", "verified")


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
    list_display = ("person", "valid_from", "valid_until", "ended_on", "categories")
    list_select_related = ("person",)
    search_fields = ("person__id_number", "person__name")


@admin.register(Prompt)
class PromptAdmin(RecordAdmin):
    list_display = ("person", "rule", "suggests", "raised_at", "resolved_at", "resolution")
    list_filter = ("rule", "resolution")
    list_select_related = ("person",)
    search_fields = ("person__id_number", "person__name")


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


@admin.register(Payment)
class PaymentAdmin(RecordAdmin):
    list_display = ("reference", "item", "person", "employer", "month", "amount", "fund", "status")
    list_filter = ("item", "fund", "status")
    list_select_related = ("person", "employer")
    search_fields = ("reference", "person__id_number", "employer__credit_code")


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
