"""Social-security cards for the employer's staff, applied for in one batch (the registered batch service)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Employer, Person, User
from portal.employer.exceptions import EmployerError
from portal.employer.services.common import accept_all, service_data
from workflow.models import Case

BATCH = "insurance.card_apply_batch"


@transaction.atomic
def staff_cards_apply(*, actor: User, employer: Employer, persons: list[Person], hall: str = "") -> Case:
    """One case for the whole batch; staff who already hold a card are skipped by the service and counted."""
    if not persons:
        raise EmployerError(_("Choose at least one employee."), code="empty")
    data = service_data(BATCH, {"id_numbers": "\n".join(p.id_number for p in persons), "hall": hall},
                        actor=actor, employer=employer, person=None)
    cases, _prompts = accept_all([(BATCH, data)], actor=actor, employer=employer, person=None)
    return cases[0]
