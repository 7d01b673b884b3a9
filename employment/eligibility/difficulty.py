"""Criteria of the employment-difficulty determination: each category the registry can judge, and those
the applicant declares with evidence for the reviewer to check."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from accounts.text import clauses, labelled
from employment.eligibility.common import describe_period, working_age
from employment.models import StatusKind
from employment.rules import difficulty as rules
from employment.selectors.status import current_determination, current_period, person_facts
from workflow.registry import Check

# A determination may be renewed this close to its end.
RENEW_WITHIN_DAYS = 30


def determination(person: Person, day: date, declared: list[str] | None = None) -> list[Check]:
    period = current_period(person=person)
    current = current_determination(person=person, today=day)
    employed = period is not None and period.kind == StatusKind.EMPLOYED
    checks = [
        working_age(person, day),
        Check(code="no_employer", label=_("Not employed by an employer"), passed=not employed,
              detail=describe_period(period) if employed else ""),
        Check(code="not_determined", label=_("Not already determined (or within 30 days of the end)"),
              passed=current is None or current.valid_until <= day + timedelta(days=RENEW_WITHIN_DAYS),
              detail=gettext("Determined until %(date)s.") % {"date": f"{current.valid_until:%Y-%m-%d}"}
              if current else ""),
    ]
    findings = rules.judge(person_facts(person=person, today=day, period=period))
    for f in findings:
        if f.matched:
            checks.append(Check(code=f"category_{f.code}", label=f.label, passed=True, detail=f.reason, data=f.data))
    declared = [c for c in (declared or []) if c in rules.DECLARED]
    for code in declared:
        checks.append(Check(code=f"declared_{code}", label=rules.DECLARED[code], passed=False, blocking=False,
                            detail=gettext("Declared by the applicant: check the evidence."),
                            data={"declared": code}))
    matched = rules.matched_codes(findings)
    checks.append(Check(
        code="a_category_applies", label=_("At least one employment-difficulty category applies"),
        passed=bool(matched or declared),
        detail=clauses(labelled(f.label, f.reason) for f in findings if not f.matched) if not matched else "",
        data={"matched": matched, "declared": declared,
              "not_matched": {f.code: str(f.reason) for f in findings if not f.matched}}))
    return checks
