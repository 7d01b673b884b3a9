"""Registration services: employment (就业登记) and its end on separation, unemployment registration (失业登记),
flexible employment (灵活就业) and its end."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from employment.catalogue.common import ID_CARD, date_field, not_future, require
from employment.eligibility import registration as eligibility
from employment.eligibility.common import data_check, not_pensioner, today
from employment.models import SEPARATION_REASONS, EndReason
from employment.services import (
    employment_end,
    employment_register,
    flexible_end,
    flexible_register,
    unemployment_register,
)
from workflow.forms import ServiceForm
from workflow.registry import Applicant, Channel, Kind, Material, ServiceSpec

# How far back a registration may be dated.
BACKDATE_DAYS = 60


def _recent(value):
    if value is not None and value < today() - timedelta(days=BACKDATE_DAYS):
        raise forms.ValidationError(_("At most 60 days back; older changes go through the back office."))
    return value


class RegistrationForm(ServiceForm):
    started_on = date_field(_("Employed from"))
    contract = forms.ChoiceField(label=_("Contract"), choices=[
        ("fixed_term", _("Fixed term")), ("open_ended", _("Open-ended")), ("part_time", _("Part-time")),
        ("task", _("For a given task"))])
    position = forms.CharField(label=_("Position"), max_length=60, required=False)

    def clean_started_on(self):
        value = _recent(self.cleaned_data["started_on"])
        if value > today() + timedelta(days=31):
            raise forms.ValidationError(_("At most a month ahead."))
        return value


class SeparationForm(ServiceForm):
    ended_on = date_field(_("Last day of employment"))
    reason = forms.ChoiceField(label=_("Why it ended"), choices=[(r.value, r.label) for r in SEPARATION_REASONS])
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_ended_on(self):
        return _recent(self.cleaned_data["ended_on"])


class UnemploymentForm(ServiceForm):
    registered_on = date_field(_("Registered on"), initial=today)
    situation = forms.ChoiceField(label=_("Situation"), choices=[
        ("separated", _("Lost or left a job")), ("graduate", _("Graduate looking for a first job")),
        ("returning", _("Returning to work")), ("other", _("Other"))])
    wanted_work = forms.CharField(label=_("Work wanted"), max_length=100, required=False)
    wants_work = forms.BooleanField(label=_("Able to work and looking for work"),
                                    error_messages={"required": _("Only a person who wants work can register.")})

    def clean_registered_on(self):
        return _recent(not_future(self.cleaned_data["registered_on"]))


class FlexibleForm(ServiceForm):
    started_on = date_field(_("Flexibly employed from"))
    form_of_work = forms.ChoiceField(label=_("Form of work"), choices=[
        ("self_employed", _("Self-employed (individual business)")), ("part_time", _("Part-time work")),
        ("platform", _("Platform or gig work")), ("other", _("Other"))])
    occupation = forms.CharField(label=_("Occupation"), max_length=60, required=False)

    def clean_started_on(self):
        return _recent(not_future(self.cleaned_data["started_on"]))


class FlexibleEndForm(ServiceForm):
    ended_on = date_field(_("Last day of flexible employment"))

    def clean_ended_on(self):
        return _recent(self.cleaned_data["ended_on"])


def _registration_checks(application):
    values, errors = data_check(RegistrationForm, application)
    yield from errors
    yield from eligibility.employment_registration(application.person, application.employer,
                                                   values["started_on"] if values else None)


def _registration_complete(*, case, actor):
    values = require(RegistrationForm, case)
    period = employment_register(actor=actor, person=case.person, employer=case.employer, start=values["started_on"],
                                 case=case, details={"contract": values["contract"], "position": values["position"]})
    case.result = {"status_period": period.pk}
    case.save(update_fields=["result"])


def _separation_checks(application):
    values, errors = data_check(SeparationForm, application)
    yield from errors
    yield from eligibility.separation(application.person, application.employer, values["ended_on"] if values else None)


def _separation_complete(*, case, actor):
    values = require(SeparationForm, case)
    employment_end(actor=actor, person=case.person, employer=case.employer, ended_on=values["ended_on"],
                   reason=values["reason"], case=case, note=values["note"])


def _unemployment_checks(application):
    values, errors = data_check(UnemploymentForm, application)
    yield from errors
    yield from eligibility.unemployment_registration(application.person, values["registered_on"] if values
                                                     else today())


def _unemployment_complete(*, case, actor):
    values = require(UnemploymentForm, case)
    unemployment_register(actor=actor, person=case.person, registered_on=values["registered_on"], case=case,
                          details={"situation": values["situation"], "wanted_work": values["wanted_work"]})


def _flexible_checks(application):
    values, errors = data_check(FlexibleForm, application)
    yield from errors
    yield from eligibility.flexible_registration(application.person, values["started_on"] if values else today())


def _flexible_complete(*, case, actor):
    values = require(FlexibleForm, case)
    flexible_register(actor=actor, person=case.person, start=values["started_on"], case=case,
                      details={"form_of_work": values["form_of_work"], "occupation": values["occupation"]})


def _flexible_end_checks(application):
    _values, errors = data_check(FlexibleEndForm, application)
    yield from errors
    yield from eligibility.flexible_end(application.person)


def _flexible_end_complete(*, case, actor):
    values = require(FlexibleEndForm, case)
    flexible_end(actor=actor, person=case.person, ended_on=values["ended_on"], case=case)


def _date_summary(label, key):
    return lambda case: [(label, case.data.get(key, "—"))]


def _separation_summary(case):
    reason = case.data.get("reason", "")
    label = EndReason(reason).label if reason in EndReason.values else "—"
    return [(_("Last day of employment"), case.data.get("ended_on", "—")), (_("Why it ended"), label)]


CONTRACT = Material("contract", _("Labour contract"))
REGISTRATION = ServiceSpec(
    code="employment.registration", name=_("Employment registration"), domain="employment", kind=Kind.IMMEDIATE,
    applicant=Applicant.BOTH, route_by="employer", channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.API}),
    materials=(ID_CARD, CONTRACT), form=RegistrationForm, checks=_registration_checks,
    complete=_registration_complete, summary=_date_summary(_("Employed from"), "started_on"), popularity=85,
)
SEPARATION = ServiceSpec(
    code="employment.separation", name=_("End of employment registration on separation"), domain="employment",
    kind=Kind.IMMEDIATE, applicant=Applicant.BOTH, route_by="employer",
    channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.API}),
    materials=(Material("separation_proof", _("Proof of the end of the labour relationship")),),
    form=SeparationForm, checks=_separation_checks, complete=_separation_complete, summary=_separation_summary,
    popularity=75,
)
UNEMPLOYMENT = ServiceSpec(
    code="employment.unemployment_registration", name=_("Unemployment registration"), domain="employment",
    kind=Kind.IMMEDIATE, channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}), materials=(ID_CARD,),
    form=UnemploymentForm, checks=_unemployment_checks, complete=_unemployment_complete, open_to=not_pensioner,
    summary=_date_summary(_("Registered on"), "registered_on"), popularity=80,
)
FLEXIBLE = ServiceSpec(
    code="employment.flexible_registration", name=_("Flexible employment registration"), domain="employment",
    kind=Kind.IMMEDIATE, channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}), materials=(ID_CARD,),
    form=FlexibleForm, checks=_flexible_checks, complete=_flexible_complete, open_to=not_pensioner,
    summary=_date_summary(_("Flexibly employed from"), "started_on"), popularity=65,
)
FLEXIBLE_END = ServiceSpec(
    code="employment.flexible_end", name=_("End of flexible employment"), domain="employment", kind=Kind.IMMEDIATE,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}), materials=(ID_CARD,), form=FlexibleEndForm,
    checks=_flexible_end_checks, complete=_flexible_end_complete, open_to=eligibility.flexibly_employed,
    summary=_date_summary(_("Last day of flexible employment"), "ended_on"), popularity=20,
)
SPECS = (REGISTRATION, SEPARATION, UNEMPLOYMENT, FLEXIBLE, FLEXIBLE_END)
