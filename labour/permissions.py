"""Labour's permissions given to roles, and its menu entries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, grant

RECORD_MODELS = ("wagematter", "complaint", "arbitration", "hearing", "filing")
REVIEW = "workflow.review_case"
EMPLOYER = "accounts.use_employer_site"


def grant_all() -> None:
    grant("labour.approve_extension", Role.OFFICE_HEAD)
    grant("labour.view_timelimitrule", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    grant("labour.change_timelimitrule", Role.BUREAU_LEADER)
    for model in RECORD_MODELS:
        grant(f"labour.view_{model}", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
    _navigation()


def _navigation() -> None:
    from accounts import navigation

    navigation.register_nav(section="staff", label=_("Labour complaints"), url_name="labour:complaints",
                            perm=REVIEW, order=30)
    navigation.register_nav(section="staff", label=_("Arbitration"), url_name="labour:arbitrations",
                            perm=REVIEW, order=31)
    navigation.register_nav(section="employer", label=_("Labour complaints and filings"),
                            url_name="labour:employer-complaints", perm=EMPLOYER, order=75)
