"""Admin: the reference figures (effective periods, source, verified) and the insurance records."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accounts.admin_history import HistoryAdmin
from accounts.admin_mixins import FixedRowsAdminMixin, ReadOnlyAdminMixin
from insurance.models import (
    Card,
    CardBatch,
    CarriedOverRecord,
    Contribution,
    ContributionBase,
    ContributionRate,
    Declaration,
    Enrolment,
    InjuryDecision,
    InjuryReport,
    InsuredEmployer,
    MinimumContribution,
    PaymentOrder,
    Pension,
    PensionCalculationBase,
    PensionDivisor,
    ProofMethod,
    ProofOfLife,
    ProofPhoto,
    Reimbursement,
    ReimbursementPolicy,
    RetirementAgeRule,
    RightsStatement,
    SilentEvidenceKind,
)


class ReferenceAdmin(admin.ModelAdmin):
    """Every reference figure shows where it comes from and whether the bureau has verified it."""

    list_filter = ("verified",)
    search_fields = ("source",)
    save_on_top = True

    @admin.display(description=_("verified"), boolean=True, ordering="verified")
    def is_verified(self, obj):
        return obj.verified


@admin.register(ContributionRate)
class ContributionRateAdmin(ReferenceAdmin):
    list_display = ("insurance_type", "scheme", "industry_class", "employer_rate", "individual_rate", "account_rate",
                    "valid_from", "valid_to", "verified", "source")
    list_filter = ("insurance_type", "scheme", "verified")
    list_editable = ("verified",)


@admin.register(ContributionBase)
class ContributionBaseAdmin(ReferenceAdmin):
    list_display = ("valid_from", "valid_to", "average_wage", "floor", "ceiling", "verified", "source")
    list_editable = ("verified",)


@admin.register(PensionCalculationBase)
class PensionCalculationBaseAdmin(ReferenceAdmin):
    list_display = ("year", "amount", "verified", "source")
    list_editable = ("verified",)


@admin.register(RetirementAgeRule)
class RetirementAgeRuleAdmin(ReferenceAdmin):
    list_display = ("group", "original_age_months", "target_age_months", "schedule_starts", "birth_months_per_step",
                    "effective_from", "verified", "source")


@admin.register(MinimumContribution)
class MinimumContributionAdmin(ReferenceAdmin):
    list_display = ("from_year", "months", "verified", "source")
    list_editable = ("verified",)


@admin.register(PensionDivisor)
class PensionDivisorAdmin(ReferenceAdmin):
    list_display = ("age", "months", "verified", "source")
    list_editable = ("verified",)


@admin.register(ReimbursementPolicy)
class ReimbursementPolicyAdmin(ReferenceAdmin):
    list_display = ("hospital_level", "deductible", "ratio", "yearly_cap", "valid_from", "valid_to", "verified",
                    "source")
    list_editable = ("verified",)


@admin.register(InsuredEmployer)
class InsuredEmployerAdmin(HistoryAdmin):
    list_display = ("insurance_number", "employer", "industry_class", "registered_on")
    search_fields = ("insurance_number", "=employer__credit_code", "employer__name")
    raw_id_fields = ("employer",)
    list_select_related = ("employer",)


class ReadOnlyRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Records written by the services: the admin reads them (their "history" is the admin's own log)."""


class ReadOnlyHistoryAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """Records written by the services that keep their history (HistoricalRecords): the admin reads both.
    SimpleHistoryAdmin on a model without HistoricalRecords answers its history link with a 500."""


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyHistoryAdmin):
    list_display = ("person", "insurance_type", "scheme", "employer", "status", "started_on", "ended_on")
    list_filter = ("insurance_type", "scheme", "status")
    search_fields = ("=person__id_number", "person__name", "=employer__credit_code")
    list_select_related = ("person", "employer")
    show_full_result_count = False


@admin.register(CarriedOverRecord)
class CarriedOverRecordAdmin(admin.ModelAdmin):
    list_display = ("person", "through_month", "pension_months", "average_index", "account_balance", "source")
    search_fields = ("=person__id_number", "person__name")
    raw_id_fields = ("person",)


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyRecordAdmin):
    list_display = ("person", "month", "insurance_type", "payer", "base", "employer_part", "individual_part",
                    "status", "employer", "tax_reference")
    list_filter = ("insurance_type", "payer", "status")
    search_fields = ("=person__id_number", "=tax_reference")
    list_select_related = ("person", "employer")
    show_full_result_count = False


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyRecordAdmin):
    list_display = ("employer", "month", "version", "status", "employees", "employer_total", "individual_total")
    list_filter = ("status",)
    search_fields = ("=employer__credit_code", "employer__name")
    list_select_related = ("employer",)


@admin.register(PaymentOrder)
class PaymentOrderAdmin(ReadOnlyRecordAdmin):
    list_display = ("number", "kind", "employer", "person", "amount", "status", "due_on", "paid_at")
    list_filter = ("kind", "status")
    search_fields = ("number", "=employer__credit_code", "=person__id_number")
    list_select_related = ("employer", "person")


@admin.register(CardBatch)
class CardBatchAdmin(ReadOnlyRecordAdmin):
    list_display = ("number", "status", "created_at", "hall", "delivered_at")
    list_filter = ("status",)


@admin.register(Card)
class CardAdmin(ReadOnlyHistoryAdmin):
    list_display = ("number", "person", "status", "hall", "applied_at", "activated_at")
    exclude = ("photo",)  # opened only beside a proof-of-life photo under review (access logged)
    list_filter = ("status",)
    search_fields = ("number", "=person__id_number", "person__name")
    list_select_related = ("person", "hall")


@admin.register(ProofMethod)
class ProofMethodAdmin(FixedRowsAdminMixin, HistoryAdmin):
    """The bureau decides which ways of taking a proof of life count. The methods themselves are what the portal
    does on each channel: they are neither added nor deleted here."""

    list_display = ("name", "seen", "checks", "counts", "note")
    list_editable = ("counts", "note")
    fields = ("name", "seen", "checks", "counts", "note")
    readonly_fields = ("name", "seen", "checks")

    @admin.display(description=_("name"))
    def name(self, obj):
        return obj.name

    @admin.display(description=_("someone sees the pensioner"), boolean=True)
    def seen(self, obj):
        return obj.seen_in_person

    @admin.display(description=_("what it checks"))
    def checks(self, obj):
        return obj.checks


class ProofInline(admin.TabularInline):
    model = ProofOfLife
    extra = 0
    can_delete = False
    readonly_fields = ("method", "proved_at", "recorded_by", "office", "case", "evidence_kind", "evidence_ref")
    fields = readonly_fields
    max_num = 0


@admin.register(Pension)
class PensionAdmin(ReadOnlyHistoryAdmin):
    list_display = ("person", "status", "monthly_amount", "retirement_date", "next_proof_due")
    list_filter = ("status",)
    search_fields = ("=person__id_number", "person__name")
    list_select_related = ("person",)
    inlines = [ProofInline]


@admin.register(ProofOfLife)
class ProofOfLifeAdmin(ReadOnlyRecordAdmin):
    list_display = ("pension", "method", "counts_now", "proved_at", "recorded_by")
    list_filter = ("method", "method__counts")
    list_select_related = ("method", "recorded_by")

    @admin.display(description=_("the method counts now"), boolean=True)
    def counts_now(self, obj):
        return obj.method.counts


@admin.register(SilentEvidenceKind)
class SilentEvidenceKindAdmin(FixedRowsAdminMixin, admin.ModelAdmin):
    """The records the bureau counts as a pensioner's presence (silent certification). The kinds are what the
    portal can find; the bureau ticks which count."""

    list_display = ("code", "counts", "note")
    list_editable = ("counts", "note")
    fields = ("code", "counts", "note")
    readonly_fields = ("code",)


@admin.register(ProofPhoto)
class ProofPhotoAdmin(ReadOnlyRecordAdmin):
    """The decisions on proof-of-life photos; the photo itself opens only in the review queue (access logged)."""

    list_display = ("pension", "channel", "submitted_at", "status", "reviewer", "reviewed_at", "face_state")
    list_filter = ("status", "channel")
    list_select_related = ("pension__person", "reviewer")
    exclude = ("photo",)


@admin.register(Reimbursement)
class ReimbursementAdmin(ReadOnlyRecordAdmin):
    list_display = ("person", "hospital", "hospital_level", "eligible_cost", "amount", "capped", "year")
    search_fields = ("=person__id_number", "hospital")


@admin.register(InjuryReport)
class InjuryReportAdmin(ReadOnlyRecordAdmin):
    list_display = ("person", "employer", "accident_at", "reported_at", "late")
    list_filter = ("late",)


@admin.register(InjuryDecision)
class InjuryDecisionAdmin(ReadOnlyRecordAdmin):
    list_display = ("person", "employer", "outcome", "decided_at")
    list_filter = ("outcome",)


@admin.register(RightsStatement)
class RightsStatementAdmin(ReadOnlyRecordAdmin):
    list_display = ("code", "person", "year", "issued_at", "channel")
    search_fields = ("=code", "=person__id_number")
    fields = ("code", "person", "year", "sha256", "figures", "issued_at", "issued_by", "channel", "case")
    readonly_fields = ("figures",)

    @admin.display(description=_("figures shown"))
    def figures(self, obj):
        # As the verification page shows them (the stored summary is JSON).
        return render_to_string("insurance/partials/_statement_summary.html", {"summary": obj.summary})
