"""Labour relations' services in the workflow registry: the inspection complaint, the arbitration application,
the labour-contract filing and the special-working-hours approval; registered from LabourConfig.ready()."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import normalize_credit_code
from accounts.models import Employer, Office
from labour import reference
from labour.models import Arbitration, Complaint, Filing
from workflow.exceptions import NotAllowed
from workflow.forms import DateInput, ServiceForm
from workflow.registry import Applicant, Channel, Check, Kind, LimitUnit, Material, ServiceSpec, registry

COMPLAINT, ARBITRATION = "labour.complaint", "labour.arbitration"
CONTRACT_FILING, SPECIAL_HOURS = "labour.contract_filing", "labour.special_hours"
MAX_AMOUNT = Decimal("100000000")
# 《劳动保障监察条例》第二十条: a breach not found within two years is no longer investigated (secondary source).
INVESTIGATED_WITHIN_DAYS = 2 * 365


def employer_named(value: str) -> Employer | None:
    """The employer a worker names: its unified social credit code, or its exact registered name when only one
    employer bears it."""
    text = (value or "").strip()
    if not text:
        return None
    code = normalize_credit_code(text)
    found = Employer.objects.select_related("region").filter(credit_code=code).first() if len(code) == 18 else None
    if found is None:
        named = list(Employer.objects.select_related("region").filter(name=text)[:2])
        found = named[0] if len(named) == 1 else None
    return found


class EmployerField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Employer (unified social credit code or full registered name)"), max_length=100,
                         **kwargs)

    def clean(self, value):
        value = super().clean(value)
        employer = employer_named(value)
        if employer is None:
            raise ValidationError(_("No employer registered in the city has this code or name."), code="employer")
        return employer.credit_code


class ComplaintForm(ServiceForm):
    employer = EmployerField()
    kind = forms.ChoiceField(label=_("Complaint about"), choices=Complaint.Kind.choices, initial=Complaint.Kind.WAGES)
    period_from = forms.DateField(label=_("From"), widget=DateInput)
    period_to = forms.DateField(label=_("Until"), widget=DateInput)
    amount = forms.DecimalField(label=_("Amount owed (yuan)"), max_digits=12, decimal_places=2,
                                min_value=Decimal("0"), max_value=MAX_AMOUNT)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}),
                                  max_length=2000)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            raise ValidationError(_("The period must end on or after its start."))
        if end and end > timezone.localdate():
            raise ValidationError(_("The period cannot end in the future."))
        if data.get("kind") == Complaint.Kind.WAGES and data.get("amount") is not None and data["amount"] <= 0:
            raise ValidationError(_("Say how much is owed."))
        return data


class ArbitrationForm(ServiceForm):
    employer = EmployerField()
    claims = forms.CharField(label=_("Claims (what you ask the commission to award)"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}))
    amount = forms.DecimalField(label=_("Amount claimed (yuan)"), max_digits=12, decimal_places=2, required=False,
                                min_value=Decimal("0"), max_value=MAX_AMOUNT)
    dispute_arose_on = forms.DateField(label=_("The dispute arose on"), widget=DateInput)

    def clean_dispute_arose_on(self):
        day = self.cleaned_data["dispute_arose_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot lie in the future."))
        return day


class ContractFilingForm(ServiceForm):
    workers = forms.IntegerField(label=_("Workers whose contracts are filed"), min_value=1, max_value=100000)
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=[
        ("fixed", _("Fixed term")), ("open", _("Open-ended")), ("task", _("For a task"))])
    starts_on = forms.DateField(label=_("Contracts start on"), widget=DateInput)


class SpecialHoursForm(ServiceForm):
    system = forms.ChoiceField(label=_("Working-hours system"), choices=[
        ("comprehensive", _("Comprehensive calculation of working hours")),
        ("flexible", _("Flexible working hours"))])
    posts = forms.CharField(label=_("Posts concerned"), max_length=200)
    workers = forms.IntegerField(label=_("Workers concerned"), min_value=1, max_value=100000)
    starts_on = forms.DateField(label=_("From"), widget=DateInput)

    def clean_starts_on(self):
        day = self.cleaned_data["starts_on"]
        if day < timezone.localdate():
            raise ValidationError(_("An approval cannot start in the past."))
        return day


def _valid(form_class, application) -> tuple[dict | None, list[Check]]:
    form = form_class(data=application.data, application=application)
    if form.is_valid():
        return form.cleaned_data, []
    detail = "；".join(f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                      for f, e in form.errors.items())
    return None, [Check(code="data", label=_("The application form is complete and valid"), passed=False,
                        detail=detail)]


def _complaint_checks(application):
    values, errors = _valid(ComplaintForm, application)
    yield from errors
    if values is None:
        return
    recent = values["period_to"] >= timezone.localdate() - timedelta(days=INVESTIGATED_WITHIN_DAYS)
    yield Check(code="within_two_years", label=_("The breach lies within the last two years"), passed=recent,
                blocking=False, detail=_("Older breaches are no longer investigated; arbitration or a court may "
                                         "still hear the claim."))


def _arbitration_checks(application):
    values, errors = _valid(ArbitrationForm, application)
    yield from errors
    if values is None:
        return
    # 《劳动争议调解仲裁法》第二十七条: one year from when the right was known to be infringed (secondary source).
    in_time = values["dispute_arose_on"] >= timezone.localdate() - timedelta(days=365)
    yield Check(code="within_a_year", label=_("Applied within one year of the dispute"), passed=in_time,
                blocking=False, detail=_("The commission decides whether the limitation period was interrupted."))


def _simple_checks(form_class):
    def checks(application):
        return _valid(form_class, application)[1]
    return checks


def _employer_region(person, employer, data):
    named = employer_named(data.get("employer", ""))
    return named.region if named is not None else None


def _filing_complete(kind):
    def complete(*, case, actor):
        from labour.services import filing_record

        filing_record(case=case, kind=kind)
    return complete


def _complaint_complete(*, case, actor):
    """A complaint completes with its outcome, recorded on its own page: the case page's plain approval refuses."""
    if not case.result.get("outcome"):
        raise NotAllowed(_("Record the outcome on the complaint's page."), code="outcome")


def _complaint_rejected(*, case, actor):
    from labour.services import matter_close_if_done

    matter_close_if_done(case=case)


def _arbitration_complete(*, case, actor):
    if not case.result.get("award"):
        raise NotAllowed(_("Record the award on the application's page."), code="award")


def _complaint_summary(case):
    rows = [(_("Complaint about"), dict(Complaint.Kind.choices).get(case.data.get("kind"), "")),
            (_("Period"), f"{case.data.get('period_from', '')} – {case.data.get('period_to', '')}"),
            (_("Amount owed (yuan)"), case.data.get("amount", ""))]
    if case.result.get("outcome"):
        rows.append((_("Outcome"), dict(Complaint.Outcome.choices).get(case.result["outcome"], "")))
    return rows


def _arbitration_summary(case):
    rows = [(_("Amount claimed (yuan)"), case.data.get("amount") or "—")]
    if case.result.get("award"):
        rows.append((_("Award"), dict(Arbitration.Award.choices).get(case.result["award"], "")))
    return rows


COMPLAINT_SPEC = ServiceSpec(
    code=COMPLAINT, name=_("Labour-inspection complaint (unpaid wages)"), domain="labour",
    kind=Kind.TIME_LIMITED, limit=reference.COMPLAINT_ACCEPT_DAYS, limit_unit=LimitUnit.WORKING_DAYS,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}), office_kind=Office.Kind.INSPECTION,
    route_region=_employer_region, form=ComplaintForm, checks=_complaint_checks, summary=_complaint_summary,
    complete=_complaint_complete, on_reject=_complaint_rejected,
    materials=(Material("identity", _("Identity card")),
               Material("evidence", _("Proof of the work and the wages (contract, pay slips, attendance)"),
                        required=False)),
    description=_("The inspection team of the employer's district accepts or refuses within 5 working days and "
                  "concludes within 60 working days of acceptance (30 more with approval)."), popularity=30,
)
ARBITRATION_SPEC = ServiceSpec(
    code=ARBITRATION, name=_("Labour-dispute arbitration application"), domain="labour",
    kind=Kind.TIME_LIMITED, limit=reference.ARBITRATION_ACCEPT_DAYS, limit_unit=LimitUnit.CALENDAR_DAYS,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}), office_kind=Office.Kind.ARBITRATION,
    route_region=_employer_region, form=ArbitrationForm, checks=_arbitration_checks, summary=_arbitration_summary,
    complete=_arbitration_complete,
    materials=(Material("application", _("Arbitration application (with copies for the respondent)")),
               Material("evidence", _("Evidence"), required=False)),
    description=_("The commission decides on acceptance within 5 days and awards within 45 days of acceptance "
                  "(15 more with the chair's approval)."), popularity=20,
)
CONTRACT_FILING_SPEC = ServiceSpec(
    code=CONTRACT_FILING, name=_("Labour-contract filing"), domain="labour", kind=Kind.IMMEDIATE,
    applicant=Applicant.EMPLOYER, channels=frozenset({Channel.COUNTER, Channel.ONLINE}), form=ContractFilingForm,
    checks=_simple_checks(ContractFilingForm), complete=_filing_complete(Filing.Kind.CONTRACT), popularity=15,
)
SPECIAL_HOURS_SPEC = ServiceSpec(
    code=SPECIAL_HOURS, name=_("Special working hours approval"), domain="labour", kind=Kind.TIME_LIMITED,
    limit=reference.SPECIAL_HOURS_DAYS, applicant=Applicant.EMPLOYER,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}), form=SpecialHoursForm,
    checks=_simple_checks(SpecialHoursForm), complete=_filing_complete(Filing.Kind.SPECIAL_HOURS),
    materials=(Material("application", _("Application with the posts and the working-hours arrangement")),
               Material("consultation", _("Record of consulting the workers or the trade union"))), popularity=10,
)
SPECS = (COMPLAINT_SPEC, ARBITRATION_SPEC, CONTRACT_FILING_SPEC, SPECIAL_HOURS_SPEC)


def register_all() -> None:
    registry.register_domain("labour", _("Labour relations"))
    for spec in SPECS:
        registry.register(spec)
