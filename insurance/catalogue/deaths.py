"""The district's confirmation of a death another department reported (police, civil affairs)."""

from django.utils.translation import gettext_lazy as _

from insurance.services.death import death_review_confirm, death_review_reject
from workflow.registry import Channel, Kind, ServiceSpec


def _summary(case):
    return [(_("Date of death"), case.data.get("date_of_death", "—")), (_("Reported by"), case.data.get("source", "—"))]


DEATH_REVIEW = ServiceSpec(
    code="insurance.death_review", name=_("Confirm a reported death"), domain="insurance", kind=Kind.TIME_LIMITED,
    limit=5, channels=frozenset({Channel.SYSTEM}), summary=_summary, complete=death_review_confirm,
    on_reject=death_review_reject, tells_applicant=False,
    description=_("Raised by the system when another department reports a death. The pension is held and "
                  "unemployment benefits are suspended while the district confirms it with the family or the civil "
                  "affairs office. Approving records the death: the pension, the insurance, the card and the "
                  "benefits stop. Rejecting records that the report was wrong: what was held is paid again."),
)
SPECS = (DEATH_REVIEW,)
