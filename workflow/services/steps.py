"""Acknowledging a reminder, warning or escalation: the addressee has seen it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from workflow.exceptions import NotAllowed
from workflow.models import CaseStep


def _addressed_to(actor: User, step: CaseStep) -> bool:
    if step.target_user_id is not None and step.target_user_id == actor.pk:
        return True
    leads = actor.has_perm("workflow.manage_office_cases") or actor.has_perm("workflow.view_city_overview")
    return leads and actor.office_id is not None and step.target_office_id == actor.office_id and step.level >= 1


@transaction.atomic
def case_step_acknowledge(*, step: CaseStep, actor: User) -> CaseStep:
    """Mark a step seen by its addressee (idempotent: the first acknowledgement's time stays)."""
    step = CaseStep.objects.select_for_update().get(pk=step.pk)
    if not _addressed_to(actor, step):
        raise NotAllowed(_("This alert is not addressed to you."))
    if step.acknowledged_at is None:
        step.acknowledged_at = timezone.now()
        step.save(update_fields=["acknowledged_at"])
    return step
