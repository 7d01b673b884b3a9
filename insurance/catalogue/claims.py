"""Claims: hospitalisation reimbursement, the work-injury quick report and the recognition application."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from insurance.catalogue.common import data_check, require, today
from insurance.models import InjuryDecision, InjuryReport, InsuranceType, ReimbursementPolicy
from insurance.rules.claims import quick_report_is_late, recognition_deadline, reimbursement_amount
from insurance.selectors.enrolment import is_insured
from insurance.selectors.reference import ReferenceBook
from insurance.services import injury_decision_record, injury_report_register, reimbursement_decide
from insurance.services.claims import reimbursed_this_year
from workflow.forms import DateInput, DateTimeInput, ServiceForm
from workflow.registry import Applicant, Channel, Check, Kind, LimitUnit, Material, ServiceSpec

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0")}


class ReimbursementForm(ServiceForm):
    hospital = forms.CharField(label=_("Hospital"), max_length=100)
    hospital_level = forms.TypedChoiceField(label=_("Hospital level"), coerce=int,
                                            choices=ReimbursementPolicy.Level.choices)
    admitted_on = forms.DateField(label=_("Admitted on"), widget=DateInput)
    discharged_on = forms.DateField(label=_("Discharged on"), widget=DateInput)
    total_cost = forms.DecimalField(label=_("Total cost"), **MONEY)
    eligible_cost = forms.DecimalField(label=_("Cost eligible under the policy"), **MONEY)

    def clean(self):
        data = super().clean()
        admitted, discharged = data.get("admitted_on"), data.get("discharged_on")
        if admitted and discharged and (discharged < admitted or discharged > today()):
            raise forms.ValidationError(_("Discharge must follow admission and lie in the past."))
        if data.get("eligible_cost") is not None and data.get("total_cost") is not None \
                and data["eligible_cost"] > data["total_cost"]:
            raise forms.ValidationError(_("The eligible cost cannot exceed the total cost."))
        return data


class InjuryForm(ServiceForm):
    accident_at = forms.DateTimeField(label=_("Time of the accident"), widget=DateTimeInput)
    place = forms.CharField(label=_("Place"), max_length=200)
    description = forms.CharField(label=_("What happened and the injury"), widget=forms.Textarea(attrs={"rows": 4}),
                                  max_length=2000)


class RecognitionForm(InjuryForm):
    applied_by = forms.ChoiceField(label=_("Applied for by"), choices=[
        ("employer", _("The employer")), ("worker", _("The worker or their family"))])
    report_case = forms.CharField(label=_("Case number of the quick report (if any)"), max_length=15, required=False)


def _reimbursement_checks(application):
    values, errors = data_check(ReimbursementForm, application)
    yield from errors
    if values is None:
        return
    insured = is_insured(person=application.person, insurance_type=InsuranceType.MEDICAL, on=values["admitted_on"])
    yield Check(code="insured", label=_("Medical insurance on the day of admission"), passed=insured)
    policy = ReferenceBook().reimbursement_policy(values["hospital_level"], values["discharged_on"])
    yield Check(code="policy", label=_("A reimbursement policy covers the stay"), passed=policy is not None)
    if policy is not None:
        year = values["discharged_on"].year
        outcome = reimbursement_amount(eligible=values["eligible_cost"], policy=policy,
                                       reimbursed_this_year=reimbursed_this_year(person=application.person, year=year))
        yield Check(code="estimate", label=_("Reimbursement by the policy table"), passed=True,
                    detail=gettext("%(amount)s yuan") % {"amount": outcome.amount},
                    data={"amount": str(outcome.amount), "capped": outcome.capped})


def _reimbursement_complete(*, case, actor):
    v = require(ReimbursementForm, case)
    record = reimbursement_decide(case=case, actor=actor, hospital=v["hospital"], hospital_level=v["hospital_level"],
                                  admitted_on=v["admitted_on"], discharged_on=v["discharged_on"],
                                  total_cost=v["total_cost"], eligible_cost=v["eligible_cost"])
    case.result = {"amount": str(record.amount), "capped": record.capped}
    case.save(update_fields=["result"])


def _reimbursement_summary(case):
    rows = [(_("Hospital"), case.data.get("hospital", "")), (_("Eligible cost"), case.data.get("eligible_cost", ""))]
    if "amount" in case.result:
        rows.append((_("Reimbursed"), case.result["amount"]))
    return rows


def _report_checks(application):
    values, errors = data_check(InjuryForm, application)
    yield from errors
    if values is None:
        return
    now = timezone.now()
    yield Check(code="past", label=_("The accident lies in the past"), passed=values["accident_at"] <= now)
    late = quick_report_is_late(values["accident_at"], now)
    hours = int((now - values["accident_at"]).total_seconds() // 3600)
    yield Check(code="within_24h", label=_("Reported within 24 hours of the accident"), passed=not late,
                blocking=False, detail=gettext("%(hours)s hours after") % {"hours": hours}, data={"hours": hours})
    yield Check(code="insured", label=_("Work-injury insurance on the day of the accident"), blocking=False,
                passed=is_insured(person=application.person, insurance_type=InsuranceType.WORK_INJURY,
                                  on=timezone.localdate(values["accident_at"])))


def _report_complete(*, case, actor):
    v = require(InjuryForm, case)
    report = injury_report_register(case=case, employer=case.employer, person=case.person,
                                    accident_at=v["accident_at"], place=v["place"], description=v["description"])
    case.result = {"late": report.late, "reported_at": report.reported_at.isoformat()}
    case.save(update_fields=["result"])


def _recognition_checks(application):
    values, errors = data_check(RecognitionForm, application)
    yield from errors
    if values is None:
        return
    day = timezone.localdate(values["accident_at"])
    worker_deadline = recognition_deadline(day, by_employer=False)
    yield Check(code="within_a_year", label=_("Applied within one year of the injury"),
                passed=today() <= worker_deadline, data={"deadline": worker_deadline.isoformat()})
    if values["applied_by"] == "employer":
        deadline = recognition_deadline(day, by_employer=True)
        yield Check(code="employer_30_days", label=_("The employer applied within 30 days"), blocking=False,
                    passed=today() <= deadline, data={"deadline": deadline.isoformat()},
                    detail=_("Late: the employer bears the costs until the application."))
    yield Check(code="insured", label=_("Work-injury insurance on the day of the accident"), blocking=False,
                passed=is_insured(person=application.person, insurance_type=InsuranceType.WORK_INJURY, on=day))


def _decide(case, actor, outcome: str, reasons: str) -> None:
    v = require(RecognitionForm, case)
    report = InjuryReport.objects.filter(case__number=v.get("report_case") or "-", person=case.person).first()
    injury_decision_record(case=case, actor=actor, outcome=outcome, accident_at=v["accident_at"], reasons=reasons,
                           report=report)
    case.result = {"outcome": outcome}
    case.save(update_fields=["result"])


def _recognition_summary(case):
    outcome = case.result.get("outcome")
    rows = [(_("Time of the accident"), (case.data.get("accident_at") or "")[:16].replace("T", " "))]
    if outcome:
        rows.append((_("Decision"), InjuryDecision.Outcome(outcome).label))
    return rows


REIMBURSEMENT = ServiceSpec(
    code="insurance.reimbursement", name=_("Hospitalisation reimbursement"), domain="insurance",
    kind=Kind.TIME_LIMITED, limit=20, channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    materials=(Material("invoice", _("Hospital invoices")), Material("discharge", _("Discharge summary")),
               Material("cost_list", _("Itemised cost list"))),
    form=ReimbursementForm, checks=_reimbursement_checks, complete=_reimbursement_complete,
    summary=_reimbursement_summary, popularity=70,
)
INJURY_REPORT = ServiceSpec(
    code="insurance.injury_report", name=_("Work-injury quick report"), domain="insurance", kind=Kind.IMMEDIATE,
    applicant=Applicant.BOTH, route_by="employer", channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.API}),
    form=InjuryForm, checks=_report_checks, complete=_report_complete, popularity=20,
    summary=lambda case: [(_("Reported after 24 hours"), _("yes") if case.result.get("late") else _("no"))],
)
INJURY_RECOGNITION = ServiceSpec(
    code="insurance.injury_recognition", name=_("Work-injury recognition application"), domain="insurance",
    kind=Kind.TIME_LIMITED, limit=60, limit_unit=LimitUnit.CALENDAR_DAYS, applicant=Applicant.BOTH,
    route_by="employer", channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    materials=(Material("application", _("Recognition application form")),
               Material("diagnosis", _("Medical diagnosis")), Material("labour", _("Proof of the labour relation"))),
    form=RecognitionForm, checks=_recognition_checks, summary=_recognition_summary, popularity=20,
    complete=lambda *, case, actor: _decide(case, actor, InjuryDecision.Outcome.RECOGNISED, case.decision_note),
    on_reject=lambda *, case, actor: _decide(case, actor, InjuryDecision.Outcome.NOT_RECOGNISED, case.decision_note),
)
SPECS = (REIMBURSEMENT, INJURY_REPORT, INJURY_RECOGNITION)
