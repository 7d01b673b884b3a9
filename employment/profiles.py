"""Employment's part of a person's whole picture: status with history, benefits, subsidies, and the prompts the
rules raised, for the counter desk and the resident's page. Every loader runs a fixed number of queries."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from employment.models import Prompt
from employment.models.choices import StatusKind
from employment.rules.prompts import LABELS
from employment.selectors.benefits import benefits_of
from employment.selectors.prompts import open_prompts
from employment.selectors.status import current_determination, current_period, status_history
from employment.selectors.subsidies import grants_of
from labour.selectors import has_open_complaint
from workflow.profiles import Section, register_prompts, register_section
from workflow.registry import Check


def status_data(person: Person) -> dict:
    """The open status and the history (2 queries)."""
    history = status_history(person=person)
    current = history[0] if history and history[0].ended_on is None else None
    return {"current": current, "history": history,
            "determination": current_determination(person=person, today=timezone.localdate())}


def benefits_data(person: Person) -> dict:
    return benefits_of(person=person)


def subsidies_data(person: Person) -> dict:
    return {"grants": grants_of(person=person)}


def as_check(prompt: Prompt) -> Check:
    return Check(code=prompt.rule, label=LABELS.get(prompt.rule, prompt.rule), passed=False, blocking=False,
                 detail=prompt.message, data=prompt.data, suggests=prompt.suggests)


def person_prompts(person: Person) -> list[Check]:
    """The open prompts raised when the person's status changed (1 query)."""
    return [as_check(p) for p in open_prompts(person=person)]


def labour_prompts(person: Person):
    """A worker in an open labour complaint who is registered unemployed: offer the employment services (job
    referral, training, the benefit). One query for anyone not in a complaint, two otherwise; labour's facts are
    read through labour.selectors."""
    if not has_open_complaint(person=person):
        return
    period = current_period(person=person)
    if period is not None and period.kind == StatusKind.UNEMPLOYED:
        yield Check(code="employment.labour_complaint_unemployed", passed=False, blocking=False,
                    label=_("In a labour complaint while registered unemployed: offer job referral and training"),
                    detail=_("The inspection team handles the complaint; employment services can help meanwhile."),
                    suggests="employment.benefit")


def register_all() -> None:
    for key, title, template, load, order in (
        ("employment_status", _("Employment status"), "employment/partials/_profile_status.html", status_data, 10),
        ("employment_benefits", _("Unemployment benefit"), "employment/partials/_profile_benefits.html",
         benefits_data, 11),
        ("employment_subsidies", _("Employment subsidies"), "employment/partials/_profile_subsidies.html",
         subsidies_data, 12),
    ):
        register_section(Section(key=key, title=title, template=template, load=load, order=order))
    register_prompts("employment", person_prompts)
    register_prompts("employment_labour", labour_prompts)
