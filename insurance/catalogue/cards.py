"""Card services: apply (a person, or an employer for its staff), report lost, replace, activate."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import canonical_id_number, mask_id_number
from accounts.text import enumeration
from insurance.catalogue.common import data_check, hall_by_code, hall_field, require
from insurance.models import Card
from insurance.selectors.cards import card_of
from insurance.selectors.enrolment import employer_insured_employees
from insurance.services import card_activate, card_apply, card_apply_batch, card_replace, card_report_lost
from workflow.forms import ServiceForm
from workflow.registry import Applicant, Channel, Check, Kind, Material, ServiceSpec

PHOTO = Material("photo", _("Recent colour photo (or taken at the counter)"))
ID_CARD = Material("id_card", _("Identity card"))


class HallForm(ServiceForm):
    hall = hall_field()


class BatchForm(ServiceForm):
    id_numbers = forms.CharField(label=_("Identity numbers of the staff, one a line"),
                                 widget=forms.Textarea(attrs={"rows": 8}), max_length=200_000)
    hall = hall_field()

    def clean_id_numbers(self):
        numbers, errors = [], []
        for line, raw in enumerate(self.cleaned_data["id_numbers"].splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                numbers.append(canonical_id_number(raw))
            except ValidationError:
                errors.append(str(line))
        if errors:
            raise forms.ValidationError(_("Invalid identity numbers on lines %(lines)s.")
                                        % {"lines": enumeration(errors)})
        if not numbers:
            raise forms.ValidationError(_("List at least one identity number."))
        return "\n".join(dict.fromkeys(numbers))


def _card_state(application) -> Card | None:
    return card_of(person=application.person)


def _apply_checks(application):
    yield from data_check(HallForm, application)[1]
    card = _card_state(application)
    live = card is not None and card.is_live
    yield Check(code="no_card", label=_("Holds no card yet"), passed=not live,
                detail=card.get_status_display() if live else "",
                suggests="insurance.card_report_lost" if live else "")


def _apply_complete(*, case, actor):
    values = require(HallForm, case)
    card = card_apply(person=case.person, actor=actor, hall=hall_by_code(values.get("hall")), case=case)
    case.result = {"card": card.number}
    case.save(update_fields=["result"])


def _batch_persons(employer, numbers: str):
    wanted = numbers.split("\n")
    insured = {p.id_number: p for p in employer_insured_employees(employer=employer).filter(id_number__in=wanted)}
    return wanted, insured


def _batch_checks(application):
    values, errors = data_check(BatchForm, application)
    yield from errors
    if values is None:
        return
    wanted, insured = _batch_persons(application.employer, values["id_numbers"])
    missing = [n for n in wanted if n not in insured]
    yield Check(code="staff", label=_("Every person listed is insured by this employer"), passed=not missing,
                detail=enumeration(mask_id_number(n) for n in missing[:20]),
                data={"missing": len(missing)})


def _batch_complete(*, case, actor):
    values = require(BatchForm, case)
    wanted, insured = _batch_persons(case.employer, values["id_numbers"])
    made, skipped = card_apply_batch(employer=case.employer, persons=[insured[n] for n in wanted if n in insured],
                                     actor=actor, hall=hall_by_code(values.get("hall")), case=case)
    case.result = {"applied": len(made), "skipped": len(skipped)}
    case.save(update_fields=["result"])


def _in_hand_check(application):
    card = _card_state(application)
    ok = card is not None and card.status in (Card.Status.ISSUED, Card.Status.ACTIVE)
    yield Check(code="in_hand", label=_("A card has been handed to the holder"), passed=ok)


def _replace_checks(application):
    card = _card_state(application)
    ok = card is not None and card.status in (Card.Status.ISSUED, Card.Status.ACTIVE, Card.Status.LOST)
    yield Check(code="replaceable", label=_("A card is lost or in the holder's hands"), passed=ok)


def _activate_checks(application):
    card = _card_state(application)
    yield Check(code="issued", label=_("A card was handed over and awaits activation"),
                passed=card is not None and card.status == Card.Status.ISSUED)


def _lost_complete(*, case, actor):
    card_report_lost(person=case.person, actor=actor, case=case)


def _replace_complete(*, case, actor):
    values = require(HallForm, case)
    card = card_replace(person=case.person, actor=actor, hall=hall_by_code(values.get("hall")), case=case)
    case.result = {"card": card.number}
    case.save(update_fields=["result"])


def _activate_complete(*, case, actor):
    card_activate(person=case.person, actor=actor, case=case)


def _card_summary(case):
    rows = []
    if case.result.get("card"):
        rows.append((_("Card number"), case.result["card"]))
    if "applied" in case.result:
        rows += [(_("Cards applied for"), case.result["applied"]),
                 (_("Skipped (already hold a card)"), case.result["skipped"])]
    return rows


PERSONAL = frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK})
CARD_APPLY = ServiceSpec(
    code="insurance.card_apply", name=_("Social-security card application"), domain="insurance",
    kind=Kind.IMMEDIATE, channels=PERSONAL, materials=(ID_CARD, PHOTO), form=HallForm, checks=_apply_checks,
    complete=_apply_complete, summary=_card_summary, popularity=95,
)
CARD_APPLY_BATCH = ServiceSpec(
    code="insurance.card_apply_batch", name=_("Social-security cards for an employer's staff"), domain="insurance",
    kind=Kind.IMMEDIATE, applicant=Applicant.EMPLOYER, channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    materials=(Material("photos", _("Photos of the staff")),), form=BatchForm, checks=_batch_checks,
    complete=_batch_complete, summary=_card_summary, popularity=30,
)
CARD_LOST = ServiceSpec(
    code="insurance.card_report_lost", name=_("Report a social-security card lost"), domain="insurance",
    kind=Kind.IMMEDIATE, channels=PERSONAL | {Channel.API}, checks=_in_hand_check, complete=_lost_complete,
    popularity=50,
)
CARD_REPLACE = ServiceSpec(
    code="insurance.card_replace", name=_("Social-security card replacement"), domain="insurance",
    kind=Kind.IMMEDIATE, channels=frozenset({Channel.COUNTER, Channel.ONLINE}), materials=(ID_CARD, PHOTO),
    form=HallForm, checks=_replace_checks, complete=_replace_complete, summary=_card_summary, popularity=50,
)
CARD_ACTIVATE = ServiceSpec(
    code="insurance.card_activate", name=_("Social-security card activation"), domain="insurance",
    kind=Kind.IMMEDIATE, channels=frozenset({Channel.COUNTER, Channel.KIOSK}), materials=(ID_CARD,),
    checks=_activate_checks, complete=_activate_complete, popularity=60,
)
SPECS = (CARD_APPLY, CARD_APPLY_BATCH, CARD_LOST, CARD_REPLACE, CARD_ACTIVATE)
