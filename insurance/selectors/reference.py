"""The reference figures in force for a month, loaded once per use (a fixed number of queries)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cached_property

from django.core.cache import caches
from django.db import transaction
from django.utils.translation import gettext as _

from insurance.exceptions import InsuranceError
from insurance.models import (
    ContributionBase,
    ContributionRate,
    InsuranceType,
    MinimumContribution,
    PensionCalculationBase,
    PensionDivisor,
    ReimbursementPolicy,
    RetirementAgeRule,
)
from insurance.rules.claims import Policy
from insurance.rules.contributions import Limits, Rate
from insurance.rules.retirement import SCHEDULES, AgeSchedule

# The retirement-age table, shared per process for this long by every reader that runs on each desk page (the
# retirement-near prompt, employment's working-age checks). An edit is seen at once by the process that made it
# (age_schedules_changed), by the others within this time.
AGE_SCHEDULES_KEY = "insurance:retirement-age-rules:v1"
AGE_SCHEDULES_SECONDS = 300


def load_age_schedules() -> dict[str, AgeSchedule]:
    """The bureau's retirement-age table (RetirementAgeRule), by group (1 query)."""
    return {r.group: AgeSchedule(r.group, r.original_age_months, r.target_age_months, r.schedule_starts,
                                 r.birth_months_per_step) for r in RetirementAgeRule.objects.all()}


def age_schedules() -> dict[str, AgeSchedule]:
    """load_age_schedules(), shared per process (no query while cached)."""
    cache = caches["local"]
    schedules = cache.get(AGE_SCHEDULES_KEY)
    if schedules is None:
        schedules = load_age_schedules()
        cache.set(AGE_SCHEDULES_KEY, schedules, AGE_SCHEDULES_SECONDS)
    return schedules


def age_schedules_changed(**_kwargs) -> None:
    """A RetirementAgeRule was saved or deleted: forget the shared copy now and when the transaction commits."""
    cache = caches["local"]
    cache.delete(AGE_SCHEDULES_KEY)
    transaction.on_commit(lambda: cache.delete(AGE_SCHEDULES_KEY))


def age_schedule(group: str, schedules: dict[str, AgeSchedule] | None = None) -> AgeSchedule:
    """The statutory-age schedule of a group: the bureau's row, which every reader (the retirement-near prompt,
    the approval, employment's working age) takes from here. Only if the bureau removed the row does the
    published schedule it was seeded with apply (rules.retirement.SCHEDULES)."""
    schedules = age_schedules() if schedules is None else schedules
    return schedules.get(group) or SCHEDULES[group]


class ReferenceBook:
    """Reference rows read once; each table is one query, loaded when first needed."""

    @cached_property
    def _rates(self) -> list[ContributionRate]:
        return list(ContributionRate.objects.order_by("-valid_from"))

    @cached_property
    def _bases(self) -> list[ContributionBase]:
        return list(ContributionBase.objects.order_by("-valid_from"))

    def limits(self, month: date) -> Limits | None:
        for row in self._bases:
            if row.covers(month):
                return Limits(floor=row.floor, ceiling=row.ceiling, average_wage=row.average_wage)
        return None

    def require_limits(self, month: date) -> Limits:
        limits = self.limits(month)
        if limits is None:
            raise InsuranceError(_("No contribution base floor and ceiling are set for %(month)s.")
                                 % {"month": f"{month:%Y-%m}"}, code="no_base")
        return limits

    def average_wage(self, month: date) -> Decimal | None:
        limits = self.limits(month)
        return limits.average_wage if limits else None

    def rate(self, kind: str, month: date, *, scheme: str = "employee", industry_class: int = 1) -> Rate | None:
        wanted_class = industry_class if kind == InsuranceType.WORK_INJURY else 0
        for row in self._rates:
            if (row.insurance_type == kind and row.scheme == scheme and row.industry_class == wanted_class
                    and row.covers(month)):
                return Rate(employer=row.employer_rate, individual=row.individual_rate, account=row.account_rate)
        return None

    def rates(self, kinds, month: date, *, scheme: str = "employee", industry_class: int = 1) -> dict[str, Rate]:
        """The rate of each type; InsuranceError when one has no rate in force that month."""
        found = {}
        for kind in kinds:
            rate = self.rate(kind, month, scheme=scheme, industry_class=industry_class)
            if rate is None:
                raise InsuranceError(_("No %(type)s rate is in force for %(month)s.")
                                     % {"type": InsuranceType(kind).label, "month": f"{month:%Y-%m}"}, code="no_rate")
            found[kind] = rate
        return found

    @cached_property
    def calculation_bases(self) -> dict[int, Decimal]:
        return dict(PensionCalculationBase.objects.values_list("year", "amount"))

    def calculation_base(self, year: int) -> tuple[int, Decimal] | None:
        """The base of the year; else the latest earlier one published (provisional), else the earliest on record."""
        earlier = sorted(y for y in self.calculation_bases if y <= year)
        chosen = earlier[-1] if earlier else min(self.calculation_bases, default=None)
        return (chosen, self.calculation_bases[chosen]) if chosen is not None else None

    @cached_property
    def divisors(self) -> dict[int, Decimal]:
        return dict(PensionDivisor.objects.values_list("age", "months"))

    @cached_property
    def schedules(self) -> dict[str, AgeSchedule]:
        """Read afresh: an approval decides on the table as it is now (the prompts share a cached copy)."""
        return load_age_schedules()

    @cached_property
    def minimum_table(self) -> list[tuple[int, int]]:
        return list(MinimumContribution.objects.values_list("from_year", "months"))

    def reimbursement_policy(self, level: int, day: date) -> Policy | None:
        for row in ReimbursementPolicy.objects.filter(hospital_level=level).order_by("-valid_from"):
            if row.covers(day):
                return Policy(deductible=row.deductible, ratio=row.ratio, yearly_cap=row.yearly_cap)
        return None
