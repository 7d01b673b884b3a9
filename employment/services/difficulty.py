"""Employment-difficulty determination (就业困难人员认定): recorded on approval with the criteria it rests on."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person, User
from employment.eligibility import difficulty as eligibility
from employment.models import DifficultyDetermination
from employment.rules import difficulty as rules
from employment.services.prompts import prompts_prejudge
from workflow.exceptions import NotEligible


@transaction.atomic
def difficulty_determine(*, actor: User, person: Person, case=None, declared: list[str] | None = None,
                         today: date | None = None) -> DifficultyDetermination:
    """Record the determination (the checks are run again); an earlier one still open is ended by it."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    today = today or timezone.localdate()
    checks = eligibility.determination(person, today, declared)
    if any(c.is_error for c in checks):
        raise NotEligible(_("The application no longer meets the conditions."), checks=checks)
    categories = [c.code.split("_", 1)[1] for c in checks if c.code.startswith(("category_", "declared_"))]
    DifficultyDetermination.objects.filter(person=person, ended_on__isnull=True).update(
        ended_on=today, end_reason="renewed")
    determination = DifficultyDetermination.objects.create(
        person=person, categories=categories, evidence=[c.as_dict() for c in checks], valid_from=today,
        valid_until=rules.valid_until(today), case=case, decided_by=actor)
    prompts_prejudge(person=person, actor=actor, today=today)
    return determination
