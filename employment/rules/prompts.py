"""Which prompts a person's situation calls for (流程驱动): a pure function of a snapshot of their facts.

Each prompt names the rule that raised it and the business it suggests; the services raise the prompts
wanted and resolve those no longer wanted whenever the person's status changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from employment.rules import benefits as benefit_rules
from employment.rules.ages import add_months_to_day
from employment.rules.difficulty import EMPLOYED, FLEXIBLE, UNEMPLOYED, Finding

MAY_QUALIFY = "employment.may_qualify_difficulty"
FLEXIBLE_SUBSIDY = "employment.flexible_subsidy"
REGISTER_UNEMPLOYED = "employment.register_unemployed"
MAY_CLAIM_BENEFIT = "employment.may_claim_benefit"
UNREGISTERED_EMPLOYER = "employment.unregistered_employer"
FRAUD_REVIEW = "employment.fraud_review"

# How long after a separation the person is reminded to register as unemployed.
REGISTER_WITHIN_MONTHS = 12

LABELS = {
    MAY_QUALIFY: _("May qualify as an employment-difficulty person"),
    FLEXIBLE_SUBSIDY: _("Difficulty person in flexible employment: may claim the social-insurance subsidy"),
    REGISTER_UNEMPLOYED: _("Employment ended: may register as unemployed"),
    MAY_CLAIM_BENEFIT: _("May claim unemployment benefit"),
    UNREGISTERED_EMPLOYER: _("An employer pays contributions but no employment is registered"),
    FRAUD_REVIEW: _("Receives unemployment benefit while contributions are being paid: under review"),
}

SUGGESTS = {
    MAY_QUALIFY: "employment.difficulty",
    FLEXIBLE_SUBSIDY: "employment.subsidy_flexible_insurance",
    REGISTER_UNEMPLOYED: "employment.unemployment_registration",
    MAY_CLAIM_BENEFIT: "employment.benefit",
    UNREGISTERED_EMPLOYER: "employment.registration",
    FRAUD_REVIEW: "",
}

# The rules re-judged on every status change (the fraud prompt is raised and resolved by its review).
JUDGED = (MAY_QUALIFY, FLEXIBLE_SUBSIDY, REGISTER_UNEMPLOYED, MAY_CLAIM_BENEFIT, UNREGISTERED_EMPLOYER)


@dataclass(frozen=True)
class Snapshot:
    today: date
    status: str  # employed / flexible / unemployed / ""
    working_age: bool
    findings: list[Finding] = field(default_factory=list)
    determined: bool = False
    flexible_subsidy_active: bool = False
    last_separation: date | None = None
    last_separation_involuntary: bool = False
    insurance_months: int = 0
    benefit_live: bool = False
    paying_employer_ids: tuple[int, ...] = ()
    deceased: bool = False


@dataclass(frozen=True)
class Wanted:
    rule: str
    data: dict


def wanted(s: Snapshot) -> list[Wanted]:
    """The prompts this situation calls for."""
    if s.deceased:
        return []
    found: list[Wanted] = []
    matched = [f.code for f in s.findings if f.matched]
    if matched and not s.determined and s.working_age and s.status != EMPLOYED:
        found.append(Wanted(MAY_QUALIFY, {"categories": matched}))
    if s.determined and s.status == FLEXIBLE and not s.flexible_subsidy_active:
        found.append(Wanted(FLEXIBLE_SUBSIDY, {}))
    recently_separated = (s.last_separation is not None
                          and add_months_to_day(s.last_separation, REGISTER_WITHIN_MONTHS) > s.today)
    if s.status == "" and recently_separated and s.working_age:
        found.append(Wanted(REGISTER_UNEMPLOYED, {"separated_on": s.last_separation.isoformat()}))
    if (s.status == UNEMPLOYED and not s.benefit_live and s.last_separation_involuntary
            and benefit_rules.contribution_met(s.insurance_months)):
        found.append(Wanted(MAY_CLAIM_BENEFIT, {"months": s.insurance_months,
                                                "duration": benefit_rules.duration_months(s.insurance_months)}))
    if s.paying_employer_ids and s.status != EMPLOYED:
        found.append(Wanted(UNREGISTERED_EMPLOYER, {"employers": list(s.paying_employer_ids)}))
    return found
