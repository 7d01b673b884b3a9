"""Pensioners' proof of life, and the death notice that stops what must stop."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.services import person_record_death
from insurance.catalogue.common import data_check, require, today
from insurance.models import ProofMethod
from insurance.selectors.pensions import is_pensioner, proof_method_of
from insurance.services import proof_of_life_record
from workflow.forms import DateInput, ServiceForm
from workflow.registry import Channel, Check, Kind, Material, ServiceSpec

Method = ProofMethod.Code
# What really happens on each channel: the kiosk identified the person by an SMS code to their phone; online they
# signed in to their own account; at a window the clerk checks the identity card in person (or records that staff
# saw the pensioner at home).
METHOD_BY_CHANNEL = {Channel.KIOSK: Method.SMS_CODE, Channel.ONLINE: Method.ONLINE_ACCOUNT,
                     Channel.COUNTER: Method.ID_CARD}
COUNTER_METHODS = (Method.ID_CARD, Method.HOME_VISIT)


def proof_method(channel: str, chosen: str = "") -> str:
    """The method a proof through this channel records: the channel's own; at a counter, the one the clerk chose."""
    if channel == Channel.COUNTER and chosen in COUNTER_METHODS:
        return chosen
    return METHOD_BY_CHANNEL[channel]


class ProofForm(ServiceForm):
    method = forms.ChoiceField(label=_("Method"), required=False,
                               choices=[(m.value, m.label) for m in COUNTER_METHODS])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.application is not None and self.application.channel != Channel.COUNTER:
            del self.fields["method"]  # the kiosk's and the online method is the channel's: nothing to choose


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
    values, errors = data_check(ProofForm, application)
    yield from errors
    if values is None:
        return
    method = proof_method_of(code=proof_method(application.channel, values.get("method", "")))
    yield Check(code="method_counts", label=_("The bureau counts this method as proof of life"),
                passed=method.counts, detail=method.name if method.counts else gettext(
                    "“%(method)s” does not count as proof of life: prove it at any service hall with your identity "
                    "card, or ask the hall for a home visit.") % {"method": method.name},
                data={"method": method.code, "seen_in_person": method.seen_in_person})


def _proof_complete(*, case, actor):
    values = require(ProofForm, case)
    method = proof_method(case.channel, values.get("method", ""))
    # At a window or a point the clerk witnessed it: the clerk (recorded_by) and their hall or point are recorded.
    office = case.accepted_office if case.channel == Channel.COUNTER else None
    proof = proof_of_life_record(person=case.person, method=method, actor=actor, case=case, office=office)
    case.result = {"method": proof.method_id, "next_due": f"{proof.pension.next_proof_due:%Y-%m-%d}"}
    case.save(update_fields=["result"])


def _proof_summary(case):
    """The method and what it really checks, for the reviewer and the pensioner."""
    code = case.result.get("method")
    if code not in Method.values:
        return []
    return [(_("Method"), Method(code).label), (_("What it checks"), ProofMethod.CHECKS[Method(code)]),
            (_("Next proof due"), case.result["next_due"])]


def _death_checks(application):
    values, errors = data_check(DeathForm, application)
    yield from errors
    if values is not None:
        yield Check(code="after_birth", label=_("The date of death follows the birth date"),
                    passed=values["date_of_death"] >= application.person.birth_date)


def _death_complete(*, case, actor):
    values = require(DeathForm, case)
    person_record_death(actor=actor, person=case.person, date_of_death=values["date_of_death"],
                        source=f"死亡登记 {case.number}")


PROOF = ServiceSpec(
    code="insurance.proof_of_life", name=_("Pensioner proof of life"), domain="insurance", kind=Kind.IMMEDIATE,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}), form=ProofForm, checks=_proof_checks,
    open_to=receives_pension, complete=_proof_complete, summary=_proof_summary, popularity=85,
    description=_("The proof is recorded with what really happened: at a window or a community service point the "
                  "clerk checks the pensioner's identity card in person (or records a home visit), and the clerk "
                  "and the point are recorded; online the pensioner signed in to their own account; at a kiosk "
                  "they typed the code sent to their phone. A photo sent from a kiosk or a phone is checked by a "
                  "reviewer; a hospital stay or business done in person may count without asking (silent "
                  "certification). The bureau decides which of these count."),
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
