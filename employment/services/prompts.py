"""Prompts raised by status changes (流程驱动) and resolved once acted on or no longer true."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Person, User
from employment.models import DifficultyDetermination, Prompt, StatusKind, StatusPeriod
from employment.rules import prompts as rules
from employment.rules.ages import add_months_to_day
from employment.rules.difficulty import CATEGORY_LABELS, LONG_TERM_MONTHS, OLDER_AGE, OLDER_MIN_UNEMPLOYED_MONTHS
from employment.selectors.prompts import person_snapshot


def _message(wanted: rules.Wanted) -> str:
    """A short text of the data behind the prompt, in the bureau's language (kept with the prompt)."""
    data = wanted.data
    with translation.override("zh-hans"):
        if wanted.rule == rules.MAY_QUALIFY:
            return "、".join(str(CATEGORY_LABELS[c]) for c in data.get("categories", []) if c in CATEGORY_LABELS)
        if wanted.rule == rules.REGISTER_UNEMPLOYED:
            return gettext("Employment ended on %(date)s.") % {"date": data["separated_on"]}
        if wanted.rule == rules.MAY_CLAIM_BENEFIT:
            return gettext("%(months)s months of unemployment insurance: up to %(duration)s months of "
                               "benefit.") % data
        if wanted.rule == rules.FRAUD_REVIEW:
            return gettext("Overpaid %(amount)s yuan; case %(case)s.") % data
    return ""


def prompt_raise(*, person: Person, rule: str, data: dict | None = None, now=None) -> Prompt:
    """Raise a prompt unless the same rule's prompt is already open (then it is refreshed)."""
    wanted = rules.Wanted(rule, data or {})
    prompt = Prompt.objects.filter(person=person, rule=rule, resolved_at__isnull=True).first()
    if prompt is None:
        return Prompt.objects.create(person=person, rule=rule, suggests=rules.SUGGESTS.get(rule, ""),
                                     data=wanted.data, message=_message(wanted)[:300], raised_at=now or timezone.now())
    if prompt.data != wanted.data:
        prompt.data, prompt.message = wanted.data, _message(wanted)[:300]
        prompt.save(update_fields=["data", "message"])
    return prompt


def prompts_raise_many(*, rule: str, items: list[tuple[Person, dict]], now=None) -> int:
    """prompt_raise for many persons at once, in three queries whatever their number (the open prompts of the
    rule, one insert, one update). A person listed twice keeps the last data. Returns the prompts raised."""
    wanted = {person.pk: (person, rules.Wanted(rule, data or {})) for person, data in items}
    now = now or timezone.now()
    open_prompts = {p.person_id: p for p in Prompt.objects.filter(person_id__in=list(wanted), rule=rule,
                                                                    resolved_at__isnull=True).order_by("pk")}
    new, changed = [], []
    for person_id, (person, want) in wanted.items():
        prompt = open_prompts.get(person_id)
        if prompt is None:
            new.append(Prompt(person=person, rule=rule, suggests=rules.SUGGESTS.get(rule, ""), data=want.data,
                              message=_message(want)[:300], raised_at=now))
        elif prompt.data != want.data:
            prompt.data, prompt.message = want.data, _message(want)[:300]
            changed.append(prompt)
    Prompt.objects.bulk_create(new)
    Prompt.objects.bulk_update(changed, ["data", "message"])
    return len(new)


def prompts_resolve(*, person: Person, only: list[str] | None = None, resolution: str, case=None, now=None) -> int:
    """Resolve the person's open prompts (of some rules, or all)."""
    prompts = Prompt.objects.filter(person=person, resolved_at__isnull=True)
    if only is not None:
        prompts = prompts.filter(rule__in=only)
    return prompts.update(resolved_at=now or timezone.now(), resolution=resolution, resolved_by_case=case)


@transaction.atomic
def prompts_prejudge(*, person: Person, actor: User | None = None, today: date | None = None) -> list[Prompt]:
    """Judge the person's situation by the prompt rules: raise what is wanted, resolve what no longer holds.
    Returns the open prompts of the judged rules."""
    person.refresh_from_db(fields=["is_disabled", "in_low_income_household", "in_zero_employment_household",
                                   "date_of_death"])
    today = today or timezone.localdate()
    wanted = rules.wanted(person_snapshot(person=person, today=today))
    now = timezone.now()
    keep = {w.rule for w in wanted}
    prompts_resolve(person=person, only=[r for r in rules.JUDGED if r not in keep],
                    resolution=Prompt.Resolution.NO_LONGER_HOLDS, now=now)
    return [prompt_raise(person=person, rule=w.rule, data=w.data, now=now) for w in wanted]


@transaction.atomic
def prompts_acted_on(*, case) -> int:
    """The business a prompt suggested was accepted: its prompt disappears."""
    if not case.person_id:
        return 0
    return Prompt.objects.filter(person_id=case.person_id, resolved_at__isnull=True,
                                 suggests=case.service.code).update(
        resolved_at=timezone.now(), resolution=Prompt.Resolution.ACTED_ON, resolved_by_case=case)


# The sweep looks back this far, so that a night it did not run is caught up the next.
SWEEP_WINDOW_DAYS = 7


def _window(end: date) -> tuple[date, date]:
    return end - timedelta(days=SWEEP_WINDOW_DAYS), end


def prompts_sweep(*, today: date) -> int:
    """Re-judge the persons whose situation changed with time alone: registered unemployed for 6 or 12 months,
    reaching a category's age while without an employer, a determination that has just run out."""
    without_employer = Q(ended_on__isnull=True, kind__in=[StatusKind.UNEMPLOYED, StatusKind.FLEXIBLE])
    anniversaries = Q()
    for months in (OLDER_MIN_UNEMPLOYED_MONTHS, LONG_TERM_MONTHS):
        anniversaries |= Q(kind=StatusKind.UNEMPLOYED, started_on__range=_window(add_months_to_day(today, -months)))
    ages = Q()
    for sex, years in OLDER_AGE.items():
        ages |= Q(person__sex=sex, person__birth_date__range=_window(add_months_to_day(today, -12 * years)))
    persons = set(StatusPeriod.objects.filter(without_employer & (anniversaries | ages)).values_list("person_id",
                                                                                                      flat=True))
    persons |= set(DifficultyDetermination.objects.filter(valid_until__range=_window(today - timedelta(days=1)))
                   .values_list("person_id", flat=True))
    for person in Person.objects.filter(pk__in=persons, date_of_death__isnull=True):
        prompts_prejudge(person=person, today=today)
    return len(persons)
