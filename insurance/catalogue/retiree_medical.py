"""Retiree medical insurance (职工医保退休待遇核定): on retirement, whether the person's employees' medical insurance
continues without contributions (the minimum medical contribution period is reached) or a shortfall is to be paid
first. The determination is the case's result, shown on the case, the receipt and the person's case page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from insurance.catalogue.common import data_check, require
from insurance.catalogue.retirement import not_yet_pensioner
from insurance.models.choices import InsuranceType
from insurance.selectors.contributions import paid_months
from workflow.forms import DateInput, ServiceForm
from workflow.registry import Channel, Check, Kind, Material, ServiceSpec

# The medical contribution period a retiree needs to keep employees' medical insurance without paying
# (accumulated months, men and women): the figures the bureau applies; the shortfall is paid in one sum.
MINIMUM_MONTHS = {"M": 300, "F": 240}


class RetireeMedicalForm(ServiceForm):
    retirement_date = forms.DateField(label=_("Retirement date"), widget=DateInput)


def minimum_months(person: Person) -> int:
    return MINIMUM_MONTHS["F" if person.sex == "F" else "M"]


def _checks(application):
    _values, errors = data_check(RetireeMedicalForm, application)
    yield from errors
    person = application.person
    months, minimum = paid_months(person=person, insurance_type=InsuranceType.MEDICAL), minimum_months(person)
    yield Check(code="medical_minimum", label=_("Minimum medical contribution period for retirees"),
                passed=months >= minimum, blocking=False,
                detail=gettext("%(months)s of %(minimum)s months; a shortfall is paid in one sum before the "
                               "benefits start") % {"months": months, "minimum": minimum},
                data={"months": months, "minimum": minimum})


def _complete(*, case, actor):
    require(RetireeMedicalForm, case)
    months, minimum = paid_months(person=case.person, insurance_type=InsuranceType.MEDICAL), minimum_months(case.person)
    case.result = {"medical_months": months, "minimum": minimum, "shortfall": max(minimum - months, 0),
                   "continues": months >= minimum}
    case.save(update_fields=["result"])


def _summary(case):
    rows = [(_("Retirement date"), case.data.get("retirement_date", "—"))]
    if "medical_months" in case.result:
        rows.append((_("Medical contribution months"), f"{case.result['medical_months']} / {case.result['minimum']}"))
        rows.append((_("Medical insurance in retirement"),
                     _("Continues without contributions") if case.result["continues"] else
                     gettext("%(months)s months to pay in one sum first") % {"months": case.result["shortfall"]}))
    return rows


RETIREE_MEDICAL = ServiceSpec(
    code="insurance.retiree_medical", name=_("Retiree medical insurance determination"), domain="insurance",
    kind=Kind.TIME_LIMITED, limit=5, channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    materials=(Material("id_card", _("Identity card")),), form=RetireeMedicalForm, checks=_checks,
    complete=_complete, summary=_summary, popularity=10, open_to=not_yet_pensioner,
    description=_("Whether your employees' medical insurance continues in retirement without contributions."),
)
SPECS = (RETIREE_MEDICAL,)
