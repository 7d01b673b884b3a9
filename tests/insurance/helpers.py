"""Applying for insurance services the way every channel does: the service's form, then case_accept."""

from __future__ import annotations

from workflow.registry import Application, registry
from workflow.services import case_accept, case_approve, case_claim, case_reject


def form_data(service_code: str, *, actor, channel: str = "counter", person=None, employer=None, **fields) -> dict:
    spec = registry.get(service_code)
    if spec.form is None:
        return {}
    application = Application(service=spec, channel=channel, actor=actor, person=person, employer=employer,
                              office=getattr(actor, "office", None))
    form = spec.form(data=fields, application=application)
    assert form.is_valid(), form.errors
    return form.to_data()


def apply(service_code: str, *, actor, channel: str = "counter", person=None, employer=None, **fields):
    data = form_data(service_code, actor=actor, channel=channel, person=person, employer=employer, **fields)
    return case_accept(service_code=service_code, actor=actor, channel=channel, person=person, employer=employer,
                       data=data)


def approve(case, reviewer, note: str = ""):
    case_claim(case=case, actor=reviewer)
    return case_approve(case=case, actor=reviewer, note=note)


def reject(case, reviewer, reason: str):
    case_claim(case=case, actor=reviewer)
    return case_reject(case=case, actor=reviewer, reason=reason)
