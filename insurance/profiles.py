"""Insurance's part of a person's (and an employer's) whole picture: sections and prompts for the counter
desk and the resident's page. Every loader runs a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Employer, Person
from accounts.money import MoneySum
from insurance.models import Card, Declaration, Enrolment, PaymentOrder, Pension
from insurance.models.cards import LIVE_CARD_STATES
from insurance.rules import proof as proof_rules
from insurance.selectors.cards import card_of, staff_card_counts
from insurance.selectors.contributions import contribution_summary, owed_contributions
from insurance.selectors.enrolment import insurance_standing
from insurance.selectors.pensions import last_proof, pension_of, statutory_retirement_date
from workflow.profiles import Section, register_prompts, register_section
from workflow.registry import Check

RETIREMENT_NOTICE_DAYS = 90


def status_data(person: Person) -> dict:
    return insurance_standing(person=person)


def card_data(person: Person) -> dict:
    return {"card": card_of(person=person)}


def contributions_data(person: Person) -> dict:
    return contribution_summary(person=person)


def pension_data(person: Person) -> dict:
    """The pension, whether its proof of life is due, and the latest proof with its method (2 queries for a
    pensioner, 1 for anyone else)."""
    pension = pension_of(person=person)
    state = proof_rules.proof_state(due=pension.next_proof_due, today=timezone.localdate()) if pension else ""
    return {"pension": pension, "proof_state": state, "last_proof": last_proof(pension=pension) if pension else None}


def employer_data(employer: Employer) -> dict:
    insured = Enrolment.objects.filter(employer=employer, status=Enrolment.Status.ACTIVE).aggregate(
        persons=Count("person", distinct=True))["persons"]
    latest = Declaration.objects.filter(employer=employer).exclude(status=Declaration.Status.SUPERSEDED).order_by(
        "-month").first()
    unpaid = PaymentOrder.objects.filter(employer=employer, status=PaymentOrder.Status.ISSUED).aggregate(
        n=Count("pk"), total=MoneySum("amount"))
    cards = staff_card_counts(employer=employer)
    return {"insured": insured, "latest": latest, "unpaid_orders": unpaid["n"], "unpaid_total": unpaid["total"],
            "cards": [(Card.Status(k).label, cards[k]) for k in LIVE_CARD_STATES if k in cards]}


def person_prompts(person: Person):
    """Card to collect or activate, proof of life due, contributions owed, retirement age near (4 queries)."""
    today = timezone.localdate()
    card = card_of(person=person)
    if card is not None and card.status == Card.Status.READY:
        yield Check(code="insurance.card_ready", label=_("Social-security card ready for collection"), passed=False,
                    blocking=False, detail=card.hall.name if card.hall_id else "", data={"card": card.number})
    if card is not None and card.status == Card.Status.ISSUED:
        yield Check(code="insurance.card_inactive", label=_("Social-security card not yet activated"), passed=False,
                    blocking=False, suggests="insurance.card_activate")
    pension = pension_of(person=person)  # one per person; a stopped one raises nothing
    if pension is not None and pension.status == Pension.Status.STOPPED:
        pension = None
    if pension is not None:
        state = proof_rules.proof_state(due=pension.next_proof_due, today=today)
        if pension.status == Pension.Status.SUSPENDED or state != proof_rules.OK:
            yield Check(code="insurance.proof_due", label=_("Proof of life due"), passed=False, blocking=False,
                        detail=gettext("due %(due)s") % {"due": f"{pension.next_proof_due:%Y-%m-%d}"},
                        data={"due": pension.next_proof_due.isoformat(), "suspended": pension.status == "suspended"},
                        suggests="insurance.proof_of_life")
    owed = owed_contributions(person=person)
    if owed["months"]:
        yield Check(code="insurance.owed", label=_("Contributions owed"), passed=False, blocking=False,
                    detail=gettext("%(months)s months, %(total)s yuan") % owed,
                    data={"months": owed["months"], "total": str(owed["total"])})
    if pension is None and not person.is_deceased:
        retires = statutory_retirement_date(person=person)  # the bureau's table, as the approval reads it
        if retires <= today + timedelta(days=RETIREMENT_NOTICE_DAYS) and Enrolment.objects.filter(
                Q(person=person) & Q(insurance_type="pension") & ~Q(status=Enrolment.Status.ENDED)).exists():
            yield Check(code="insurance.retirement_near", label=_("Statutory retirement age reached or near"),
                        passed=False, blocking=False, suggests="insurance.retirement",
                        detail=f"{retires:%Y-%m-%d}", data={"date": retires.isoformat()})


def register_all() -> None:
    for key, title, template, load, order in (
        ("insurance_status", _("Social insurance"), "insurance/partials/_profile_status.html", status_data, 20),
        ("insurance_contributions", _("Contributions"), "insurance/partials/_profile_contributions.html",
         contributions_data, 21),
        ("insurance_card", _("Social-security card"), "insurance/partials/_profile_card.html", card_data, 22),
        ("insurance_pension", _("Pension"), "insurance/partials/_profile_pension.html", pension_data, 23),
    ):
        register_section(Section(key=key, title=title, template=template, load=load, order=order))
    register_section(Section(key="insurance_employer", title=_("Social insurance"), subject="employer",
                             template="insurance/partials/_profile_employer.html", load=employer_data, order=20))
    register_prompts("insurance", person_prompts)
