"""Pensioners' proof of life, and the death notice that stops what must stop."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.services import person_record_death
from insurance.catalogue.common import data_check, require, today
from insurance.models import ProofOfLife
from insurance.selectors.pensions import is_pensioner
from insurance.services import proof_of_life_record
from workflow.forms import DateInput, ServiceForm
from workflow.registry import Channel, Check, Kind, Material, ServiceSpec

METHOD_BY_CHANNEL = {Channel.KIOSK: ProofOfLife.Method.KIOSK, Channel.ONLINE: ProofOfLife.Method.ONLINE,
                     Channel.COUNTER: ProofOfLife.Method.COUNTER}


def proof_method(channel: str, chosen: str = "") -> str:
    """Kiosk and online proofs are face recognition by their channel; at a counter staff may record a home visit."""
    if channel == Channel.COUNTER and chosen in (ProofOfLife.Method.COUNTER, ProofOfLife.Method.HOME_VISIT):
        return chosen
    return METHOD_BY_CHANNEL.get(channel, ProofOfLife.Method.COUNTER)


class ProofForm(ServiceForm):
    method = forms.ChoiceField(label=_("Method"), choices=ProofOfLife.Method.choices, required=False)

    def clean_method(self):
        return proof_method(getattr(self.application, "channel", Channel.COUNTER), self.cleaned_data.get("method"))


class DeathForm(ServiceForm):
    date_of_death = forms.DateField(label=_("Date of death"), widget=DateInput)
    informant = forms.CharField(label=_("Reported by"), max_length=50)
    relationship = forms.CharField(label=_("Relationship to the deceased"), max_length=30)
    certificate = forms.CharField(label=_("Death certificate number"), max_length=40, required=False)

    def clean_date_of_death(self):
        value = self.cleaned_data["date_of_death"]
        if value > today():
            raise forms.ValidationError(_("The date cannot lie in the future."))
        return value


def receives_pension(person) -> Check:
    """Proof of life is for pensioners (paid or suspended): the service's open_to rule, so that no catalogue
    offers it to anyone else."""
    return Check(code="pensioner", label=_("Receives a pension"), passed=is_pensioner(person=person))


def _proof_checks(application):
    yield from data_check(ProofForm, application)[1]


def _proof_complete(*, case, actor):
    values = require(ProofForm, case)
    method = proof_method(case.channel, values.get("method", ""))
    proof = proof_of_life_record(person=case.person, method=method, actor=actor, case=case)
    case.result = {"method": proof.method, "next_due": f"{proof.pension.next_proof_due:%Y-%m-%d}"}
    case.save(update_fields=["result"])


def _proof_summary(case):
    rows = []
    if case.result.get("method"):
        rows += [(_("Method"), ProofOfLife.Method(case.result["method"]).label),
                 (_("Next proof due"), case.result["next_due"])]
    return rows


def _death_checks(application):
    values, errors = data_check(DeathForm, application)
    yield from errors
    if values is not None:
        yield Check(code="after_birth", label=_("The date of death follows the birth date"),
                    passed=values["date_of_death"] >= application.person.birth_date)


def _death_complete(*, case, actor):
    values = require(DeathForm, case)
    person_record_death(actor=actor, person=case.person, date_of_death=values["date_of_death"],
                        source=f"death notice {case.number}")


PROOF = ServiceSpec(
    code="insurance.proof_of_life", name=_("Pensioner proof of life"), domain="insurance", kind=Kind.IMMEDIATE,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}), form=ProofForm, checks=_proof_checks,
    open_to=receives_pension,
    complete=_proof_complete, summary=_proof_summary, popularity=85,
)
DEATH = ServiceSpec(
    code="insurance.death_notice", name=_("Death notice"), domain="insurance", kind=Kind.IMMEDIATE,
    channels=frozenset({Channel.COUNTER, Channel.API}),
    materials=(Material("certificate", _("Death certificate")),
               Material("informant_id", _("Informant's identity card"))),
    form=DeathForm, checks=_death_checks, complete=_death_complete, popularity=10,
    summary=lambda case: [(_("Date of death"), case.data.get("date_of_death", "—"))],
)
SPECS = (PROOF, DEATH)
