"""Employment's permissions given to roles, and its staff menu."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, grant

STAFF_READERS = (Role.CLERK, Role.REVIEWER, Role.OFFICE_HEAD, Role.BUREAU_LEADER)
RULE_MODELS = ("subsidyrule", "minimumwage", "benefitlevel", "fundrule")
RECORD_MODELS = ("statusperiod", "difficultydetermination", "prompt", "benefitclaim", "subsidygrant", "payment",
                 "fraudreview", "fraudflag")


def grant_all() -> None:
    grant("employment.view_employment_records", *STAFF_READERS)
    grant("employment.view_fraud_flags", Role.REVIEWER, Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    grant("employment.view_fund_report", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    grant("employment.record_payment_result", Role.OFFICE_HEAD)
    # Payment batches: back-office reviewers (and heads) prepare them and import the bank's return files; heads
    # and the leadership release them, never the batch they prepared themselves (four eyes, in the service).
    grant("employment.view_payment_batches", Role.REVIEWER, Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    grant("employment.prepare_payment_batch", Role.REVIEWER, Role.OFFICE_HEAD)
    grant("employment.release_payment_batch", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    grant("employment.manage_payee_accounts", Role.REVIEWER, Role.OFFICE_HEAD)
    # The rule tables: office heads and leaders read them in the admin, the leadership edits them.
    for model in RULE_MODELS:
        grant(f"employment.view_{model}", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        grant(f"employment.change_{model}", Role.BUREAU_LEADER)
        grant(f"employment.add_{model}", Role.BUREAU_LEADER)
    for model in RECORD_MODELS:
        grant(f"employment.view_{model}", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    _navigation()


def _navigation() -> None:
    from accounts import navigation

    for label, url_name, perm, order in (
        (_("Benefit recipients"), "employment:benefit-list", "employment.view_employment_records", 50),
        (_("Subsidy criteria"), "employment:subsidy-criteria", "employment.view_employment_records", 51),
        (_("Prompts"), "employment:prompt-list", "employment.view_employment_records", 52),
        (_("Fraud flags"), "employment:fraud-list", "employment.view_fraud_flags", 53),
        (_("Fund report"), "employment:fund-report", "employment.view_fund_report", 54),
        (_("Payment batches"), "employment:batch-list", "employment.view_payment_batches", 55),
        (_("Accounts to correct"), "employment:correction-list", "employment.manage_payee_accounts", 56),
    ):
        navigation.register_nav(section="staff", label=label, url_name=url_name, perm=perm, order=order)
