"""Insurance's permissions given to roles, its staff menu, and the predicates views use."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role, grant

STAFF_READERS = (Role.CLERK, Role.REVIEWER, Role.OFFICE_HEAD, Role.BUREAU_LEADER)
REFERENCE_MODELS = ("contributionrate", "contributionbase", "pensioncalculationbase", "retirementagerule",
                    "minimumcontribution", "pensiondivisor", "reimbursementpolicy", "proofmethod")
RECORD_MODELS = ("insuredemployer", "enrolment", "contribution", "declaration", "paymentorder", "card", "cardbatch",
                 "pension", "proofoflife", "reimbursement", "injuryreport", "injurydecision", "rightsstatement",
                 "carriedoverrecord")


def grant_all() -> None:
    grant("insurance.view_insurance_records", *STAFF_READERS)
    grant("insurance.declare_contributions", Role.CLERK)
    grant("insurance.confirm_payment", Role.CLERK, Role.OFFICE_HEAD)
    grant("insurance.manage_cards", Role.CLERK, Role.OFFICE_HEAD)
    grant("insurance.manage_pensioners", Role.CLERK, Role.REVIEWER, Role.OFFICE_HEAD)
    grant("insurance.reconcile_tax", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    # The reference figures: office heads and leaders read them in the admin, the leadership edits them.
    for model in REFERENCE_MODELS:
        grant(f"insurance.view_{model}", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        grant(f"insurance.change_{model}", Role.BUREAU_LEADER)
        grant(f"insurance.add_{model}", Role.BUREAU_LEADER)
    for model in RECORD_MODELS:
        grant(f"insurance.view_{model}", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    grant("insurance.change_insuredemployer", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    _navigation()


def _navigation() -> None:
    from accounts import navigation

    for label, url_name, perm, order in (
        (_("Declarations"), "insurance:declaration-list", "insurance.declare_contributions", 40),
        (_("Payments"), "insurance:payment-list", "insurance.confirm_payment", 41),
        (_("Cards"), "insurance:card-list", "insurance.manage_cards", 42),
        (_("Proof of life"), "insurance:pensioner-proof-due", "insurance.manage_pensioners", 43),
        (_("Tax reconciliation"), "insurance:tax-reconciliation", "insurance.reconcile_tax", 44),
    ):
        navigation.register_nav(section="staff", label=label, url_name=url_name, perm=perm, order=order)


def can_read_statement(user: User, statement) -> bool:
    """The holder themselves, or staff who may see insurance records (scoping is the view's selector's)."""
    if user.kind == User.Kind.RESIDENT:
        return user.person_id == statement.person_id
    return user.kind == User.Kind.STAFF and user.has_perm("insurance.view_insurance_records")
