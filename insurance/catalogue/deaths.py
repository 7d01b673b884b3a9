"""The district's confirmation of a death another department reported (police, civil affairs)."""

from django.utils.translation import gettext_lazy as _

from workflow.registry import Channel, Kind, ServiceSpec


def _summary(case):
    return [(_("Date of death"), case.data.get("date_of_death", "—")), (_("Reported by"), case.data.get("source", "—"))]


DEATH_REVIEW = ServiceSpec(
    code="insurance.death_review", name=_("Confirm a reported death"), domain="insurance", kind=Kind.TIME_LIMITED,
    limit=5, channels=frozenset({Channel.SYSTEM}), summary=_summary,
    description=_("Raised by the system when another department reports a death. The pension, the insurance, the "
                  "card and the benefits stopped when it was reported; the district confirms it with the family or "
                  "the civil affairs office. Rejecting records that the report was wrong: what stopped must then be "
                  "restored by hand."),
)
SPECS = (DEATH_REVIEW,)
