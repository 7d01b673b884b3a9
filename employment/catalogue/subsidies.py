"""The subsidies, each a time-limited business whose criteria are cross-checked against the registry and
insurance, with its amount from the rule table: job referral, start-up, start-up job creation, vocational
training, start-up training, the flexible-employment social-insurance subsidy, and the employer's
social-insurance subsidy for hiring an employment-difficulty person."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.forms import CreditCodeField
from accounts.identifiers import normalize_id_number, parse_id_number
from accounts.models import Person
from accounts.selectors import employer_by_credit_code
from employment.catalogue.common import ID_CARD, date_field, month_label, not_future, require
from employment.eligibility import subsidies as eligibility
from employment.eligibility.common import data_check, not_pensioner, today
from employment.models import CertificateLevel, Subsidy
from employment.services import subsidy_grant
from workflow.forms import MonthField, ServiceForm
from workflow.registry import Applicant, Channel, Check, Kind, Material, ServiceSpec

MAX_HIRED = 50


class StartupForm(ServiceForm):
    business = CreditCodeField(label=_("Credit code of the business founded"))

    def clean_business(self):
        code = self.cleaned_data["business"]
        if employer_by_credit_code(credit_code=code) is None:
            raise forms.ValidationError(_("No employer with this credit code is registered."))
        return code


class TrainingForm(ServiceForm):
    certificate = forms.CharField(label=_("Certificate number"), max_length=40)
    course = forms.CharField(label=_("Course"), max_length=100)


class VocationalForm(TrainingForm):
    level = forms.ChoiceField(label=_("Certificate level"), choices=CertificateLevel.choices)


class ReferralForm(ServiceForm):
    placed_on = date_field(_("Placed on"))

    def clean_placed_on(self):
        return not_future(self.cleaned_data["placed_on"])


class HiredForm(ServiceForm):
    hired = forms.CharField(label=_("Identity numbers of the people hired (one a line)"),
                            widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_HIRED * 20)

    def clean_hired(self):
        numbers = []
        for line in self.cleaned_data["hired"].split():
            number = normalize_id_number(line)
            try:
                parse_id_number(number)
            except forms.ValidationError:
                raise forms.ValidationError(_("%(number)s is not a valid identity number.") % {"number": line}) \
                    from None
            if number not in numbers:
                numbers.append(number)
        if len(numbers) > MAX_HIRED:
            raise forms.ValidationError(_("At most 50 people at a time."))
        return "\n".join(numbers)


class FlexibleSubsidyForm(ServiceForm):
    first_month = MonthField(label=_("From month"))
    last_month = MonthField(label=_("To month"))

    def clean(self):
        data = super().clean()
        first, last = data.get("first_month"), data.get("last_month")
        if first and last and (last < first or last > today().replace(day=1)):
            raise forms.ValidationError(_("The months run forwards and end this month at the latest."))
        return data


def _startup_values(values: dict) -> dict:
    return {"business": employer_by_credit_code(credit_code=values["business"]) if values.get("business") else None}


def _hired_values(values: dict) -> dict:
    numbers = values.get("hired", "").split()
    return {"hired": list(Person.objects.filter(id_number__in=numbers).order_by("pk")) if numbers else []}


def _same(values: dict) -> dict:
    return values


def _checks_for(subsidy: str, form_class, to_values):
    def checks(application):
        values, errors = data_check(form_class, application)
        yield from errors
        found, quote = eligibility.subsidy(subsidy, person=application.person, employer=application.employer,
                                           day=today(), values=to_values(values or {}))
        yield from found
        if quote.amount:
            yield Check(code="amount", label=_("Amount"), passed=True, blocking=False,
                        detail=gettext("%(amount)s yuan") % {"amount": quote.amount},
                        data={"amount": str(quote.amount), "quantity": quote.quantity, "variant": quote.variant})

    return checks


def _complete_for(subsidy: str, form_class, to_values):
    def complete(*, case, actor):
        subsidy_grant(actor=actor, subsidy=subsidy, case=case, values=to_values(require(form_class, case)))

    return complete


def _summary(case):
    rows = [(label, case.data[key]) for key, label in (("business", _("Business")), ("certificate", _("Certificate")),
                                                        ("course", _("Course")), ("placed_on", _("Placed on")))
            if case.data.get(key)]
    if case.data.get("first_month"):
        rows.append((_("Months"), f"{month_label(case.data['first_month'])}–{month_label(case.data['last_month'])}"))
    if case.result.get("amount"):
        rows.append((_("Amount granted"), case.result["amount"]))
    return rows


CERTIFICATE = Material("certificate", _("Training certificate"))
# (subsidy, service code suffix, applicant, form, values, materials, popularity)
TABLE = [
    (Subsidy.JOB_REFERRAL, "job_referral", Applicant.BOTH, ReferralForm, _same,
     (Material("placement", _("Placement record")),), 30),
    (Subsidy.STARTUP, "startup", Applicant.PERSON, StartupForm, _startup_values,
     (ID_CARD, Material("licence", _("Business licence"))), 40),
    (Subsidy.STARTUP_JOBS, "startup_jobs", Applicant.EMPLOYER, HiredForm, _hired_values,
     (Material("contracts", _("Labour contracts of the people hired")),), 30),
    (Subsidy.VOCATIONAL_TRAINING, "vocational_training", Applicant.PERSON, VocationalForm, _same,
     (ID_CARD, CERTIFICATE), 45),
    (Subsidy.STARTUP_TRAINING, "startup_training", Applicant.PERSON, TrainingForm, _same, (ID_CARD, CERTIFICATE), 35),
    (Subsidy.FLEXIBLE_INSURANCE, "flexible_insurance", Applicant.PERSON, FlexibleSubsidyForm, _same, (ID_CARD,), 40),
    # The employer applies for a person it hired: the months asked, as for the flexible-employment subsidy.
    (Subsidy.HIRING_INSURANCE, "hiring_insurance", Applicant.BOTH, FlexibleSubsidyForm, _same,
     (Material("contract", _("Labour contract of the person hired")),), 30),
]
# SYSTEM: the bureau offers these to whom it finds entitled (employment.proactive).
PROACTIVE = (Subsidy.FLEXIBLE_INSURANCE, Subsidy.HIRING_INSURANCE)

SPECS = tuple(
    ServiceSpec(
        code=f"employment.subsidy_{suffix}", name=subsidy.label, domain="employment", kind=Kind.TIME_LIMITED,
        limit=10, applicant=applicant, route_by="employer" if applicant != Applicant.PERSON else "person",
        channels=frozenset({Channel.COUNTER, Channel.ONLINE} | ({Channel.SYSTEM} if subsidy in PROACTIVE else set())),
        materials=materials, form=form,
        checks=_checks_for(subsidy, form, to_values), complete=_complete_for(subsidy, form, to_values),
        summary=_summary, popularity=popularity, open_to=not_pensioner if applicant == Applicant.PERSON else None,
    )
    for subsidy, suffix, applicant, form, to_values, materials, popularity in TABLE
)
