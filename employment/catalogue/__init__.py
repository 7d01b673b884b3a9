"""Employment's services in the workflow registry, by topic; registered from EmploymentConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from workflow.registry import registry


def all_specs():
    from employment.catalogue import benefits, difficulty, registration, subsidies

    return [*registration.SPECS, *difficulty.SPECS, *subsidies.SPECS, *benefits.SPECS]


def register_all() -> None:
    registry.register_domain("employment", _("Employment services"))
    for spec in all_specs():
        registry.register(spec)
