"""The rectification of a bad rating (差评整改) as a service of the catalogue: opened by the system at the office that
handled what was rated, worked on the case page, escalated as any case is (registered from WorkflowConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow.exceptions import NotAllowed
from workflow.registry import Applicant, Channel, Kind, ServiceSpec, registry
from workflow.rules.ratings import Level, Reason

CODE = "workflow.rectification"


def _office(data: dict):
    """The office that answers: the one that handled what was rated, or — for a service hall or point, whose staff
    are clerks without the review permission — the back office of its district, which supervises it. The rating
    itself stays counted for the hall."""
    from accounts.models import Office
    from accounts.selectors import office_covering

    office = Office.objects.filter(pk=data.get("office")).select_related("region").first() if data.get(
        "office") else None
    if office is not None and office.kind == Office.Kind.HALL:
        return office_covering(region=office.region, kind=Office.Kind.BACK_OFFICE) or office
    return office


def _summary(case) -> list[tuple]:
    data = case.data
    reasons = [str(Reason(code).label) for code in data.get("reasons", []) if code in Reason.values]
    rows = [(_("Rated"), data.get("rated", "")),
            (_("Rating"), str(Level(data["score"]).label) if data.get("score") in Level.values else "")]
    if reasons:
        rows.append((_("Reasons"), "、".join(reasons)))
    return rows


def _only_through_its_form(*, case, actor) -> None:
    """A rectification ends with its reply and its record (workflow.services.ratings), never by a bare decision."""
    raise NotAllowed(_("Answer the rater and record the rectification with the forms of the rating panel."))


SPEC = ServiceSpec(
    code=CODE, name=gettext_lazy("Rectification of a bad rating"), domain="workflow", kind=Kind.TIME_LIMITED, limit=1,
    applicant=Applicant.EITHER, channels=frozenset({Channel.SYSTEM}), summary=_summary, route_office=_office,
    complete=_only_through_its_form, on_reject=_only_through_its_form,
    description=gettext_lazy("A bad rating (差评) is verified, answered and put right by the office that handled "
                             "the service (for a service hall or point: the back office of its district)."),
)


def register() -> None:
    registry.register_domain("workflow", gettext_lazy("Service supervision"))
    if CODE not in registry:
        registry.register(SPEC)
