"""The rule tables in force on a day, read once per use (each table one query, loaded when first needed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from employment.exceptions import EmploymentError
from employment.models import BenefitLevel, FundRule, MinimumWage, SubsidyRule
from employment.rules import benefits as benefit_rules
from employment.rules.funds import FundRuleRow, classify


class RuleBook:
    @cached_property
    def _subsidies(self) -> list[SubsidyRule]:
        return list(SubsidyRule.objects.order_by("-valid_from"))

    @cached_property
    def _wages(self) -> list[MinimumWage]:
        return list(MinimumWage.objects.order_by("-valid_from"))

    @cached_property
    def _levels(self) -> list[BenefitLevel]:
        return list(BenefitLevel.objects.order_by("-valid_from"))

    @cached_property
    def _funds(self) -> list[FundRule]:
        return list(FundRule.objects.all())

    def subsidy_rule(self, subsidy: str, on: date, variant: str = "") -> SubsidyRule | None:
        for row in self._subsidies:
            if row.subsidy == subsidy and row.variant == variant and row.covers(on):
                return row
        return None

    def subsidy_variants(self, subsidy: str, on: date) -> list[SubsidyRule]:
        return sorted((r for r in self._subsidies if r.subsidy == subsidy and r.covers(on)), key=lambda r: r.amount)

    def benefit_level(self, on: date) -> BenefitLevel | None:
        return next((r for r in self._levels if r.covers(on)), None)

    def minimum_wage(self, tier: int, on: date) -> MinimumWage | None:
        return next((r for r in self._wages if r.tier == tier and r.covers(on)), None)

    def benefit_amount(self, on: date) -> tuple[Decimal, dict]:
        """The monthly benefit on a day and the figures behind it; EmploymentError when a figure is missing."""
        level = self.benefit_level(on)
        wage = self.minimum_wage(level.wage_tier, on) if level else None
        if level is None or wage is None:
            raise EmploymentError(_("The benefit level or the minimum wage for %(day)s is not set.")
                                  % {"day": f"{on:%Y-%m-%d}"}, code="no_rule")
        amount = benefit_rules.monthly_amount(wage.amount, level.percent)
        return amount, {"minimum_wage": str(wage.amount), "percent": str(level.percent), "tier": wage.tier,
                        "verified": wage.verified and level.verified}

    def fund_for(self, item: str, situations, on: date) -> str | None:
        rows = [FundRuleRow(r.item, r.situation, r.fund, r.priority) for r in self._funds if r.covers(on)]
        return classify(item, situations, rows)
