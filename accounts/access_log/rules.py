"""What reading of personal records is unusual: pure policy, no database."""

from __future__ import annotations

from dataclasses import dataclass

# Persons a staff member may open per ticket served or case handled before the office head is told: a visit or a
# case often brings up a spouse, a child or an employer's worker besides the applicant.
PERSONS_PER_TASK = 3
# Persons anyone may open in a period without any served work (telephone enquiries, a colleague's question).
FREE_READS = 10


@dataclass(frozen=True)
class Reading:
    persons: int  # distinct persons whose record the staff member opened in the period
    work: int  # tickets served and cases handled in the same period

    @property
    def allowed(self) -> int:
        return reading_allowance(work=self.work)

    @property
    def unusual(self) -> bool:
        return reading_is_unusual(persons=self.persons, work=self.work)


def reading_allowance(*, work: int) -> int:
    """How many persons a staff member may open in a period for the work they did, before it is unusual."""
    return max(FREE_READS, PERSONS_PER_TASK * max(work, 0))


def reading_is_unusual(*, persons: int, work: int) -> bool:
    return persons > reading_allowance(work=work)
