"""Employment-difficulty categories (就业困难人员): each a pure function saying whether it matched, and why.

Categories verified for Qingdao and repeated in the provincial lists (../shared/reference/figures.md):
older unemployed (women 40+, men 50+: "4050", unemployed 6 months or more), registered unemployed for a
year or more, members of zero-employment or minimum-living-allowance households, registered disabled
(the last two unverified for Shandong). Categories the registry holds no facts for are declared by the
applicant with their evidence and checked by the reviewer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from employment.rules.ages import add_months_to_day, age_on

EMPLOYED, FLEXIBLE, UNEMPLOYED = "employed", "flexible", "unemployed"
OLDER_AGE = {"F": 40, "M": 50}
OLDER_MIN_UNEMPLOYED_MONTHS = 6
LONG_TERM_MONTHS = 12
# A determination holds for this many years unless the person finds a job (the bureau's practice; unverified).
VALID_YEARS = 3

CATEGORY_LABELS = {
    "older_unemployed": _("Older unemployed (women 40+, men 50+)"),
    "long_term_unemployed": _("Registered unemployed for a year or more"),
    "disabled": _("Registered disabled"),
    "low_income_household": _("Member of a minimum-living-allowance household"),
    "zero_employment_household": _("Member of a zero-employment household"),
}

DECLARED = {
    "single_parent": _("Single parent raising a child under 18"),
    "landless_farmer": _("Farmer who lost their land"),
    "lifted_out_of_poverty": _("Lifted out of poverty"),
    "rural_poor_family": _("Member of a poor rural family with no one employed"),
}


@dataclass(frozen=True)
class PersonFacts:
    """What the rules read about a person on a day."""

    today: date
    birth_date: date
    sex: str
    status: str = ""  # employed / flexible / unemployed / "" (none recorded)
    status_since: date | None = None
    is_disabled: bool = False
    in_low_income_household: bool = False
    in_zero_employment_household: bool = False


@dataclass(frozen=True)
class Finding:
    code: str
    label: Any
    matched: bool
    reason: Any = ""
    data: dict = field(default_factory=dict)


def _without_employer(facts: PersonFacts) -> bool:
    return facts.status != EMPLOYED


def _unemployed_for(facts: PersonFacts, months: int) -> bool:
    return (facts.status == UNEMPLOYED and facts.status_since is not None
            and add_months_to_day(facts.status_since, months) <= facts.today)


def older_unemployed(facts: PersonFacts) -> Finding:
    threshold = OLDER_AGE["M" if facts.sex == "M" else "F"]
    age = age_on(facts.birth_date, facts.today)
    old_enough = age >= threshold
    without_work = _unemployed_for(facts, OLDER_MIN_UNEMPLOYED_MONTHS) or facts.status == FLEXIBLE
    if not old_enough:
        reason = _("Aged %(age)s, under %(threshold)s.") % {"age": age, "threshold": threshold}
    elif not without_work:
        reason = _("Aged %(age)s, but neither registered unemployed for %(months)s months nor flexibly "
                   "employed.") % {"age": age, "months": OLDER_MIN_UNEMPLOYED_MONTHS}
    else:
        reason = _("Aged %(age)s (%(threshold)s or over) and without an employer.") % {
            "age": age, "threshold": threshold}
    return Finding("older_unemployed", CATEGORY_LABELS["older_unemployed"], old_enough and without_work,
                   reason, {"age": age, "threshold": threshold, "status": facts.status})


def long_term_unemployed(facts: PersonFacts) -> Finding:
    matched = _unemployed_for(facts, LONG_TERM_MONTHS)
    since = facts.status_since.isoformat() if facts.status_since and facts.status == UNEMPLOYED else None
    if facts.status != UNEMPLOYED:
        reason = _("Not registered unemployed.")
    elif matched:
        reason = _("Registered unemployed since %(since)s: a year or more.") % {"since": since}
    else:
        reason = _("Registered unemployed since %(since)s: less than a year.") % {"since": since}
    return Finding("long_term_unemployed", CATEGORY_LABELS["long_term_unemployed"], matched, reason,
                   {"since": since})


def _fact_rule(code: str, attribute: str, yes, no) -> Callable[[PersonFacts], Finding]:
    label = CATEGORY_LABELS[code]

    def rule(facts: PersonFacts) -> Finding:
        fact = getattr(facts, attribute)
        matched = fact and _without_employer(facts)
        if not fact:
            reason = no
        elif not matched:
            reason = _("Employed by an employer.")
        else:
            reason = yes
        return Finding(code, label, matched, reason, {attribute: fact, "status": facts.status})

    rule.__name__ = code
    return rule


disabled = _fact_rule("disabled", "is_disabled",
                      _("Registered disabled (civil affairs / disabled persons' federation)."),
                      _("Not registered disabled."))
low_income_household = _fact_rule(
    "low_income_household", "in_low_income_household",
    _("On civil affairs' minimum-living-allowance list."), _("Not on the minimum-living-allowance list."))
zero_employment_household = _fact_rule(
    "zero_employment_household", "in_zero_employment_household",
    _("On civil affairs' zero-employment household list."), _("Not on the zero-employment household list."))

RULES: tuple[Callable[[PersonFacts], Finding], ...] = (
    older_unemployed, long_term_unemployed, disabled, low_income_household, zero_employment_household,
)


def judge(facts: PersonFacts) -> list[Finding]:
    """Every category, matched or not, with its reason."""
    return [rule(facts) for rule in RULES]


def matched_codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings if f.matched]


def valid_until(valid_from: date) -> date:
    """The last day a determination made on valid_from holds."""
    return date.fromordinal(add_months_to_day(valid_from, 12 * VALID_YEARS).toordinal() - 1)
