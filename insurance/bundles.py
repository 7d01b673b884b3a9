"""Insurance's life events (一件事一次办) in the workflow's bundle registry; registered from InsuranceConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from workflow.bundles import BundleSpec, Part, bundles
from workflow.registry import Channel

RETIREMENT = BundleSpec(
    code="insurance.retirement_event", name=_("Retirement (one application)"), domain="insurance",
    parts=(Part("insurance.retirement"), Part("insurance.retiree_medical")),
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    description=_("Retirement approval and the medical insurance in retirement, applied for together."),
    notes=(_("The pension is granted by the retirement approval itself: when it is approved the pension is set "
             "up and paid from the month after retirement; there is no separate pension case."),
           _("The social-security card stays valid in retirement: nothing to apply for.")),
    popularity=50,
)


def register_all() -> None:
    bundles.register(RETIREMENT)
