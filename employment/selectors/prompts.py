"""Prompts: a person's open ones (for the desk and the resident's page), the overview for staff, and the
snapshot of facts the prompt rules judge."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet

from accounts.models import Person, User
from accounts.selectors import persons_visible_to
from employment.models import Prompt, StatusKind
from employment.rules import ages
from employment.rules import difficulty as difficulty_rules
from employment.rules.prompts import Snapshot
from employment.selectors import facts
from employment.selectors.benefits import live_claim, previous_claim
from employment.selectors.status import current_determination, current_period, last_employment, person_facts
from employment.selectors.subsidies import subsidy_active


def open_prompts(*, person: Person) -> list[Prompt]:
    """The person's open prompts, newest first (1 query)."""
    return list(Prompt.objects.filter(person=person, resolved_at__isnull=True).order_by("-raised_at", "-pk"))


def prompts_visible_to(*, user: User, rule: str = "", open_only: bool = True) -> QuerySet[Prompt]:
    prompts = Prompt.objects.filter(person__in=persons_visible_to(user=user).values("pk")).select_related("person")
    if open_only:
        prompts = prompts.filter(resolved_at__isnull=True)
    if rule:
        prompts = prompts.filter(rule=rule)
    return prompts.order_by("-raised_at", "-pk")


def prompt_counts(*, user: User) -> dict[str, int]:
    """Open prompts per rule among the persons the user may see (1 query)."""
    rows = prompts_visible_to(user=user).order_by().values("rule").annotate(n=Count("pk"))
    return {r["rule"]: r["n"] for r in rows}


def person_snapshot(*, person: Person, today: date) -> Snapshot:
    """Everything the prompt rules read about a person (a fixed number of queries: about 9)."""
    period = current_period(person=person)
    separation = last_employment(person=person)
    ended = separation is not None and separation.ended_on is not None
    previous = previous_claim(person=person)
    since = previous.stopped_on if previous is not None else None
    status = period.kind if period else ""
    paying = () if status == StatusKind.EMPLOYED else tuple(sorted(facts.employers_in_month(person=person,
                                                                                           month=today)))
    return Snapshot(
        today=today, status=status, deceased=person.is_deceased,
        working_age=ages.is_working_age(person.birth_date, today, facts.retirement_date(person=person)),
        findings=difficulty_rules.judge(person_facts(person=person, today=today, period=period)),
        determined=current_determination(person=person, today=today) is not None,
        flexible_subsidy_active=subsidy_active(person=person, month=today.replace(day=1)),
        last_separation=separation.ended_on if ended else None,
        last_separation_involuntary=ended and bool(separation.involuntary),
        insurance_months=facts.insurance_months(person=person, start=since) if status == StatusKind.UNEMPLOYED else 0,
        benefit_live=live_claim(person=person) is not None,
        paying_employer_ids=paying,
    )
