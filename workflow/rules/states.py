"""The case state machine: every allowed status change, in one table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    ROUTED = "routed", _("Sent to the back office")
    IN_REVIEW = "in_review", _("In review")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Waiting for material")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


TRANSITIONS: dict[str, frozenset[str]] = {
    Status.ACCEPTED: frozenset({Status.COMPLETED, Status.ROUTED, Status.WITHDRAWN}),
    Status.ROUTED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset(
        {Status.APPROVED, Status.REJECTED, Status.SUPPLEMENT_REQUESTED, Status.ROUTED, Status.WITHDRAWN}
    ),
    Status.SUPPLEMENT_REQUESTED: frozenset({Status.IN_REVIEW, Status.REJECTED, Status.WITHDRAWN}),
    Status.APPROVED: frozenset({Status.COMPLETED}),
    Status.REJECTED: frozenset(),
    Status.COMPLETED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

# The deadline clock runs in these states; it is paused while waiting for material.
CLOCK_RUNNING = frozenset({Status.ROUTED, Status.IN_REVIEW})
OPEN = frozenset({Status.ACCEPTED, Status.ROUTED, Status.IN_REVIEW, Status.SUPPLEMENT_REQUESTED, Status.APPROVED})
DECIDED = frozenset({Status.APPROVED, Status.REJECTED, Status.COMPLETED})
FINAL = frozenset({Status.REJECTED, Status.COMPLETED, Status.WITHDRAWN})


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
