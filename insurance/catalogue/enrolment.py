"""Enrolment services: an employer enrols or ends an employee; a flexible-employment individual enrols,
suspends or ends their own insurance."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.text import enumeration, labelled
from insurance.catalogue.common import data_check, month_label, require, today
from insurance.models import EMPLOYEE_TYPES, FLEXIBLE_TYPES, Enrolment, InsuranceType, Scheme
from insurance.rules.months import add_months, month_start
from insurance.selectors.enrolment import open_enrolments
from insurance.selectors.pensions import is_pensioner
from insurance.services import enrolment_end, enrolment_start, enrolment_suspend
from workflow.forms import DateInput, MonthField, ServiceForm
from workflow.registry import Applicant, Channel, Check, Kind, Material, ServiceSpec

RATIOS = [("0.60", "60%"), ("0.80", "80%"), ("1.00", "100%"), ("1.50", "150%"), ("2.00", "200%"), ("3.00", "300%")]


def _type_choices(kinds):
    return [(k.value, k.label) for k in kinds]


class EnrolForm(ServiceForm):
    types = forms.MultipleChoiceField(label=_("Insurance types"), choices=_type_choices(EMPLOYEE_TYPES),
                                      initial=[k.value for k in EMPLOYEE_TYPES], widget=forms.CheckboxSelectMultiple)
    started_on = MonthField(label=_("Insured from month"))
    wage = forms.DecimalField(label=_("Monthly wage"), max_digits=10, decimal_places=2, min_value=Decimal("0.01"),
                              required=False)

    def clean_started_on(self):
        value = self.cleaned_data["started_on"]
        if value > add_months(month_start(today()), 1):
            raise forms.ValidationError(_("At most next month."))
        return value


class FlexibleEnrolForm(ServiceForm):
    types = forms.MultipleChoiceField(label=_("Insurance types"), choices=_type_choices(FLEXIBLE_TYPES),
                                      initial=[k.value for k in FLEXIBLE_TYPES], widget=forms.CheckboxSelectMultiple)
    started_on = MonthField(label=_("Insured from month"))
    base_ratio = forms.ChoiceField(label=_("Contribution base (share of the provincial average wage)"),
                                   choices=RATIOS, initial="0.60")


class EndForm(ServiceForm):
    ended_on = forms.DateField(label=_("Last insured day"), widget=DateInput)
    reason = forms.ChoiceField(label=_("Reason"), choices=[
        (Enrolment.EndReason.LEFT_EMPLOYER.value, Enrolment.EndReason.LEFT_EMPLOYER.label),
        (Enrolment.EndReason.TRANSFERRED.value, Enrolment.EndReason.TRANSFERRED.label)])


class FlexibleStopForm(ServiceForm):
    action = forms.ChoiceField(label=_("Request"), choices=[("suspend", _("Suspend payments")),
                                                            ("end", _("End the insurance"))])
    on = forms.DateField(label=_("From"), widget=DateInput)


def _enrol_checks(application):
    values, errors = data_check(EnrolForm if application.employer else FlexibleEnrolForm, application)
    yield from errors
    if values is None:
        return
    person = application.person
    current = {e.insurance_type: e for e in open_enrolments(person=person)}
    elsewhere = [e for k, e in current.items() if k in values["types"] and e.scheme == Scheme.EMPLOYEE
                 and e.employer_id != getattr(application.employer, "pk", None)]
    yield Check(code="insured_elsewhere", label=_("Not insured through another employer"), passed=not elsewhere,
                detail=enumeration(labelled(InsuranceType(e.insurance_type).label, e.employer.name) for e in elsewhere),
                data={"employers": sorted({e.employer_id for e in elsewhere})})
    pension_asked = InsuranceType.PENSION in values["types"]
    yield Check(code="not_pensioner", label=_("Not already drawing a pension"),
                passed=not (pension_asked and is_pensioner(person=person)))
    if values["started_on"] < month_start(today()):
        yield Check(code="back_months", label=_("Months before this one need a back payment"), passed=False,
                    blocking=False, suggests="insurance.back_payment",
                    data={"from": values["started_on"].isoformat()})


def _enrol_complete(*, case, actor):
    form = EnrolForm if case.employer_id else FlexibleEnrolForm
    values = require(form, case)
    enrolments = enrolment_start(actor=actor, person=case.person, employer=case.employer, types=values["types"],
                                 started_on=values["started_on"], base_ratio=values.get("base_ratio"))
    case.result = {"enrolments": [e.pk for e in enrolments]}
    case.save(update_fields=["result"])


def _enrol_summary(case):
    types = enumeration(str(InsuranceType(t).label) for t in case.data.get("types", []) if t in InsuranceType.values)
    return [(_("Insurance types"), types), (_("Insured from month"), month_label(case.data.get("started_on")))]


def _end_checks(application):
    values, errors = data_check(EndForm, application)
    yield from errors
    found = [e for e in open_enrolments(person=application.person) if e.employer_id == application.employer.pk]
    yield Check(code="enrolled", label=_("Insured through this employer"), passed=bool(found))
    if values and found:
        yield Check(code="date", label=_("Ends after it started"),
                    passed=all(values["ended_on"] >= e.started_on for e in found))


def _end_complete(*, case, actor):
    values = require(EndForm, case)
    enrolment_end(actor=actor, person=case.person, employer=case.employer, ended_on=values["ended_on"],
                  reason=values["reason"])


def insured_flexibly(person) -> Check:
    """Only a flexible-employment individual's own insurance can be suspended or ended by them: the open_to rule."""
    found = [e for e in open_enrolments(person=person) if e.scheme == Scheme.FLEXIBLE]
    return Check(code="flexible", label=_("Insured as a flexible-employment individual"), passed=bool(found))


def _stop_checks(application):
    _values, errors = data_check(FlexibleStopForm, application)
    yield from errors


def _stop_complete(*, case, actor):
    values = require(FlexibleStopForm, case)
    if values["action"] == "suspend":
        enrolment_suspend(actor=actor, person=case.person, on=values["on"])
    else:
        enrolment_end(actor=actor, person=case.person, ended_on=values["on"],
                      reason=Enrolment.EndReason.OWN_REQUEST)


ID_CARD = Material("id_card", _("Identity card"))
ENROL = ServiceSpec(
    code="insurance.enrol", name=_("Social insurance enrolment of an employee"), domain="insurance",
    kind=Kind.IMMEDIATE, applicant=Applicant.BOTH, route_by="employer",
    channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.API}),
    materials=(ID_CARD, Material("contract", _("Labour contract"))), form=EnrolForm, checks=_enrol_checks,
    complete=_enrol_complete, summary=_enrol_summary, popularity=90,
)
ENROL_FLEXIBLE = ServiceSpec(
    code="insurance.enrol_flexible", name=_("Flexible-employment social insurance enrolment"), domain="insurance",
    kind=Kind.IMMEDIATE, channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}),
    materials=(ID_CARD,), form=FlexibleEnrolForm, checks=_enrol_checks, complete=_enrol_complete,
    summary=_enrol_summary, popularity=60,
)
ENROL_END = ServiceSpec(
    code="insurance.enrol_end", name=_("End of an employee's social insurance"), domain="insurance",
    kind=Kind.IMMEDIATE, applicant=Applicant.BOTH, route_by="employer",
    channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.API}), form=EndForm, checks=_end_checks,
    complete=_end_complete, popularity=70,
    summary=lambda case: [(_("Last insured day"), case.data.get("ended_on", "—"))],
)
ENROL_SUSPEND = ServiceSpec(
    code="insurance.enrol_suspend", name=_("Suspension or end of flexible-employment insurance"),
    domain="insurance", kind=Kind.IMMEDIATE, channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}),
    materials=(ID_CARD,), form=FlexibleStopForm, checks=_stop_checks, complete=_stop_complete, popularity=30,
    open_to=insured_flexibly,
)
SPECS = (ENROL, ENROL_FLEXIBLE, ENROL_END, ENROL_SUSPEND)
