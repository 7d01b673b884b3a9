"""Employment's services in the workflow registry, by topic; registered from EmploymentConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from workflow.registry import registry


def all_specs():
    from employment.catalogue import benefits, difficulty, registration, subsidies

    return [*registration.SPECS, *difficulty.SPECS, *subsidies.SPECS, *benefits.SPECS]


# Which service points accept employment's business when it first appears (the bureau edits it in the admin):
# a community station unemployment, employment and flexible-employment registration; a street centre also the
# employment-difficulty determination, subsidies and unemployment benefit.
BOTH_LEVELS, STREET = ("street", "community"), ("street",)
POINT_LEVELS = {
    "employment.unemployment_registration": BOTH_LEVELS, "employment.registration": BOTH_LEVELS,
    "employment.flexible_registration": BOTH_LEVELS, "employment.separation": STREET,
    "employment.flexible_end": STREET, "employment.difficulty": STREET, "employment.benefit": STREET,
    "employment.subsidy_flexible_insurance": STREET, "employment.subsidy_job_referral": STREET,
    "employment.subsidy_startup": STREET, "employment.subsidy_startup_training": STREET,
    "employment.subsidy_vocational_training": STREET, "employment.subsidy_hiring_insurance": STREET,
}


def register_all() -> None:
    registry.register_domain("employment", _("Employment services"))
    for spec in all_specs():
        registry.register(spec)
    registry.point_defaults(POINT_LEVELS)
