"""Writes of the employer's online service: each composes the domain apps' services in one transaction."""

from portal.employer.services.cards import staff_cards_apply
from portal.employer.services.colleagues import (
    LINK,
    TEMPORARY,
    Secret,
    colleague_add,
    colleague_link,
    colleague_set_active,
)
from portal.employer.services.common import accept_all, service_data
from portal.employer.services.hiring import Outcome, new_hire_register, separation_register

__all__ = [
    "LINK", "TEMPORARY", "Outcome", "Secret", "accept_all", "colleague_add", "colleague_link", "colleague_set_active",
    "new_hire_register", "separation_register", "service_data", "staff_cards_apply",
]
