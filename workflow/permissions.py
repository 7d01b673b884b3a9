"""Who may do what with a case: predicates used by services and views alike."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q

from accounts.models import User
from workflow.models import Case
from workflow.registry import Channel


def can_accept_at_counter(user: User) -> bool:
    return user.is_authenticated and user.has_perm("workflow.accept_case") and user.office_id is not None


def can_apply_for(user: User, *, channel: str, person=None, employer=None) -> bool:
    """Whether a user may start a case for this applicant through this channel."""
    if channel == Channel.COUNTER:
        return can_accept_at_counter(user)
    if channel in (Channel.ONLINE, Channel.KIOSK):
        if user.kind == User.Kind.RESIDENT:
            return person is not None and user.person_id == person.pk and employer is None
        if user.kind == User.Kind.EMPLOYER:
            return employer is not None and user.employer_id == employer.pk
        if channel == Channel.KIOSK and user.kind == User.Kind.SYSTEM:
            # A hall's kiosk acts for the one person it identified by an SMS code (portal.kiosk marks its actor).
            kiosk_person_id = getattr(user, "kiosk_person_id", None)
            return person is not None and employer is None and kiosk_person_id == person.pk
        return False
    return user.kind == User.Kind.SYSTEM  # API and system cases are raised by the system actor


def can_review(user: User, case: Case) -> bool:
    return user.has_perm("workflow.review_case") and case.jurisdiction_office_id == user.office_id


def can_manage(user: User, case: Case) -> bool:
    return user.has_perm("workflow.manage_office_cases") and case.jurisdiction_office_id == user.office_id


@dataclass(frozen=True)
class CaseScope:
    """The cases a user may see: every case, or those matching any of `clauses` ((column, value) pairs). The
    queryset filter (`q`) and the check of one case (`contains`) are both read from it, so they cannot differ."""

    everything: bool = False
    clauses: tuple[tuple[str, int], ...] = ()

    @property
    def q(self) -> Q | None:
        """The filter on Case (None: no case at all)."""
        if self.everything:
            return Q()
        if not self.clauses:
            return None
        return reduce(operator.or_, (Q(**{column: value}) for column, value in self.clauses))

    def contains(self, case: Case) -> bool:
        return self.everything or any(getattr(case, column) == value for column, value in self.clauses)


def case_scope(user) -> CaseScope:
    """Who may see which case, the one rule: the bureau's leadership every case; staff of an office the cases
    it decides (reviewers, heads) and those it accepted (clerks), never through a missing office; a resident
    the cases about them (an employer's filing for them included); an employer's users the employer's cases.
    Roles add up. The system administrator, a kiosk and anyone not logged in see none."""
    if not getattr(user, "is_authenticated", False):
        return CaseScope()
    if user.has_perm("workflow.view_city_overview"):
        return CaseScope(everything=True)
    clauses = []
    if user.office_id is not None:
        if user.has_perm("workflow.review_case"):
            clauses.append(("jurisdiction_office_id", user.office_id))
        if user.has_perm("workflow.accept_case"):
            clauses.append(("accepted_office_id", user.office_id))
    if user.kind == User.Kind.RESIDENT and user.person_id is not None:
        clauses.append(("person_id", user.person_id))
    if user.kind == User.Kind.EMPLOYER and user.employer_id is not None:
        clauses.append(("employer_id", user.employer_id))
    return CaseScope(clauses=tuple(clauses))


def can_view(user: User, case: Case) -> bool:
    return case_scope(user).contains(case)


def can_withdraw(user: User, case: Case) -> bool:
    """The applicant themselves, or counter staff and the deciding office on their behalf. An employer's filing
    for its employee is the employer's to withdraw, not the employee's."""
    if user.kind == User.Kind.RESIDENT:
        return case.employer_id is None and can_view(user, case)
    if user.kind == User.Kind.EMPLOYER:
        return can_view(user, case)
    return can_accept_at_counter(user) or can_review(user, case)
