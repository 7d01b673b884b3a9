"""Retirement approval (退休审批): the statutory age, the minimum contribution period, the pension estimate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from accounts.text import clauses
from insurance.catalogue.common import data_check, require
from insurance.exceptions import InsuranceError
from insurance.selectors.pensions import is_pensioner
from insurance.selectors.reference import ReferenceBook
from insurance.services import pension_grant, retirement_assess
from insurance.services.pensions import pension_estimate_for, retirement_group
from workflow.forms import DateInput, ServiceForm
from workflow.registry import Channel, Check, Kind, Material, ServiceSpec

REASONS = {
    "too_early": _("Before the earliest flexible retirement date"),
    "too_late": _("More than three years after the statutory date"),
    "minimum_for_early": _("Early retirement needs the minimum contribution period"),
    "minimum": _("The minimum contribution period is not reached: contributions may be extended"),
    "late_needs_agreement": _("Retiring after the statutory date needs the employer's agreement"),
}


class RetirementForm(ServiceForm):
    retirement_date = forms.DateField(label=_("Retirement date"), widget=DateInput)
    female_group = forms.ChoiceField(
        label=_("For women: original retirement age"), required=False,
        choices=[("female_55", _("55 (management and technical posts, flexible employment)")),
                 ("female_50", _("50 (worker posts)"))])
    employer_agrees_late = forms.BooleanField(label=_("The employer agrees to a later retirement"), required=False)


def _facts(application, values):
    person: Person = application.person
    group = retirement_group(person, values.get("female_group", ""))
    return group, retirement_assess(person=person, on=values["retirement_date"], group=group,
                                    employer_agrees_late=values.get("employer_agrees_late", False))


def not_yet_pensioner(person: Person) -> Check:
    """A pensioner retired already: the service's open_to rule."""
    return Check(code="not_pensioner", label=_("Not yet a pensioner"), passed=not is_pensioner(person=person))


def _checks(application):
    values, errors = data_check(RetirementForm, application)
    yield from errors
    if values is None:
        return
    group, facts = _facts(application, values)
    a = facts.assessment
    window = {"earliest": a.window.earliest.isoformat(), "statutory": a.window.statutory.isoformat(),
              "latest": a.window.latest.isoformat()}
    age_ok = a.reason not in ("too_early", "too_late", "late_needs_agreement")
    yield Check(code="age", label=_("Statutory retirement age (or the flexible window around it)"), passed=age_ok,
                detail=clauses([gettext("Statutory date %(statutory)s; flexible from %(earliest)s to %(latest)s")
                                % window, *([] if age_ok else [REASONS[a.reason]])]), data={"group": group, **window})
    months_ok = a.reason not in ("minimum", "minimum_for_early")
    yield Check(code="minimum", label=_("Minimum contribution period"), passed=months_ok,
                detail=gettext("%(months)s of %(minimum)s months") % {"months": a.months, "minimum": a.minimum},
                data={"months": a.months, "minimum": a.minimum})
    if a.ok:
        try:
            estimate, notes, base = pension_estimate_for(application.person, values["retirement_date"], facts,
                                                         ReferenceBook())
        except InsuranceError as exc:
            yield Check(code="estimate", label=_("Pension estimate"), passed=False, detail=exc.message)
            return
        yield Check(code="estimate", label=_("Pension estimate"), passed=True,
                    detail=gettext("%(amount)s yuan a month") % {"amount": estimate.monthly},
                    data={"basic": str(estimate.basic), "account": str(estimate.account),
                          "index": str(facts.index), "calculation_base": str(base),
                          "notes": [str(n) for n in notes]})


def _complete(*, case, actor):
    values = require(RetirementForm, case)
    pension = pension_grant(person=case.person, actor=actor, retirement_date=values["retirement_date"],
                            group=retirement_group(case.person, values.get("female_group", "")),
                            employer_agrees_late=values.get("employer_agrees_late", False), case=case)
    case.result = {"pension": pension.pk, "monthly": str(pension.monthly_amount),
                   "starts": f"{pension.starts_month:%Y-%m}"}
    case.save(update_fields=["result"])


def _summary(case):
    rows = [(_("Retirement date"), case.data.get("retirement_date", "—"))]
    if case.result.get("monthly"):
        rows += [(_("Pension per month"), case.result["monthly"]), (_("Paid from month"), case.result["starts"])]
    return rows


RETIREMENT = ServiceSpec(
    code="insurance.retirement", name=_("Retirement approval"), domain="insurance", kind=Kind.TIME_LIMITED,
    # SYSTEM: the bureau opens it 3 months ahead for whom it finds entitled (insurance.proactive).
    limit=20, channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.SYSTEM}),
    materials=(Material("id_card", _("Identity card")), Material("file", _("Personnel file (for employees)")),
               Material("bank", _("Bank account for the pension"))),
    form=RetirementForm, checks=_checks, complete=_complete, summary=_summary, popularity=50,
    open_to=not_yet_pensioner,
)
SPECS = (RETIREMENT,)
