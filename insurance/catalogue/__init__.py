"""Insurance's services in the workflow registry, by topic; registered from InsuranceConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from workflow.registry import registry


def all_specs():
    from insurance.catalogue import (
        cards,
        claims,
        contributions,
        deaths,
        enrolment,
        pensioners,
        retiree_medical,
        retirement,
        statements,
    )

    return [*enrolment.SPECS, *contributions.SPECS, *cards.SPECS, *retirement.SPECS, *retiree_medical.SPECS,
            *claims.SPECS,
            *pensioners.SPECS, *statements.SPECS, *deaths.SPECS]


# Which service points accept insurance's business when it first appears (the bureau edits it in the admin):
# a community station proof of life, card applications and loss reports, records; a street centre also
# replacements, flexible workers' insurance and reimbursements.
BOTH_LEVELS, STREET = ("street", "community"), ("street",)
POINT_LEVELS = {
    "insurance.proof_of_life": BOTH_LEVELS, "insurance.card_apply": BOTH_LEVELS,
    "insurance.card_report_lost": BOTH_LEVELS, "insurance.statement": BOTH_LEVELS,
    "insurance.card_replace": STREET, "insurance.enrol_flexible": STREET, "insurance.enrol_suspend": STREET,
    "insurance.reimbursement": STREET,
}


def register_all() -> None:
    registry.register_domain("insurance", _("Social insurance"))
    for spec in all_specs():
        registry.register(spec)
    registry.point_defaults(POINT_LEVELS)
