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
        retirement,
        statements,
    )

    return [*enrolment.SPECS, *contributions.SPECS, *cards.SPECS, *retirement.SPECS, *claims.SPECS,
            *pensioners.SPECS, *statements.SPECS, *deaths.SPECS]


def register_all() -> None:
    registry.register_domain("insurance", _("Social insurance"))
    for spec in all_specs():
        registry.register(spec)
