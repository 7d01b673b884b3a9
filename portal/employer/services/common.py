"""Starting registered services online for the employer: their data through their own forms, checks, accept."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import Employer, Person, User
from accounts.text import clauses
from portal.employer.exceptions import EmployerError
from workflow.exceptions import NotEligible
from workflow.models import Case
from workflow.registry import Application, Channel, Check, registry
from workflow.services import case_accept, case_check


def service_data(code: str, values: dict, *, actor: User, employer: Employer, person: Person | None) -> dict:
    """The case data of a service, validated by the service's own form (so a composed form can never store what
    the counter would refuse)."""
    spec = registry.get(code)
    if spec.form is None:
        return {}
    application = Application(service=spec, channel=Channel.ONLINE, actor=actor, person=person, employer=employer)
    form = spec.form(data=values, application=application)
    if not form.is_valid():
        problems = clauses(f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                             for f, e in form.errors.items())
        raise EmployerError(_("%(service)s: %(problems)s") % {"service": spec.name, "problems": problems},
                            code="data")
    return form.to_data()


def accept_all(plan: list[tuple[str, dict]], *, actor: User, employer: Employer, person: Person | None
               ) -> tuple[list[Case], list[Check]]:
    """Check every service of the plan first, so that the refusal lists every reason at once; then accept each.
    The caller's transaction makes it all or nothing: one refusal undoes the cases already accepted."""
    checks: list[Check] = []
    for code, data in plan:
        checks += case_check(service_code=code, actor=actor, channel=Channel.ONLINE, person=person,
                             employer=employer, data=data)
    if any(c.is_error for c in checks):
        raise NotEligible(_("The conditions are not met; nothing was registered."), checks=checks)
    cases = [case_accept(service_code=code, actor=actor, channel=Channel.ONLINE, person=person, employer=employer,
                         data=data) for code, data in plan]
    return cases, [c for c in checks if c.is_prompt]
