"""Employment's life events (一件事一次办) in the workflow's bundle registry; registered from EmploymentConfig.ready().
A life event mixing insurance's and employment's services is registered here, employment sitting above insurance."""

from django.utils.translation import gettext_lazy as _

from workflow.bundles import BundleSpec, Part, bundles
from workflow.registry import Channel

UNEMPLOYMENT = BundleSpec(
    code="employment.unemployment_event", name=_("Unemployment (one application)"), domain="employment",
    parts=(Part("employment.unemployment_registration"), Part("employment.benefit")),
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    description=_("Unemployment registration and unemployment benefit, applied for together."),
    notes=(_("Job-seeking services: the work you want, given on the registration, is recorded with it; the "
             "employment service office uses it for job referrals. There is no separate case for it."),),
    popularity=40,
)
STARTING_A_BUSINESS = BundleSpec(
    code="employment.business_event", name=_("Starting a business (one application)"), domain="employment",
    parts=(Part("employment.flexible_registration", fixed={"form_of_work": "self_employed"}),
           Part("employment.subsidy_startup"), Part("employment.subsidy_startup_training"),
           Part("insurance.enrol_flexible")),
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    description=_("Registration as self-employed, the start-up subsidy, the start-up training subsidy and "
                  "social insurance as a self-employed person, applied for together."),
    notes=(_("Social insurance starts with the month in which you started your business."),),
    popularity=30,
)


def register_all() -> None:
    bundles.register(UNEMPLOYMENT)
    bundles.register(STARTING_A_BUSINESS)
