"""Unemployment benefit (失业保险金申领), time-limited, and the system's review of a fraud flag (冒领核查)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.text import clauses, enumeration
from employment.catalogue.common import ID_CARD, require
from employment.eligibility import benefits as eligibility
from employment.eligibility.common import data_check, not_pensioner, today
from employment.models import FraudFlag
from employment.services import benefit_grant, fraud_review_clear, fraud_review_confirm
from workflow.forms import ServiceForm
from workflow.registry import Channel, Check, Kind, Material, ServiceSpec


class BenefitForm(ServiceForm):
    bank_account = forms.CharField(label=_("Bank account for the payments"), max_length=32)
    bank = forms.CharField(label=_("Bank"), max_length=60)

    def clean_bank_account(self):
        value = re.sub(r"\s+", "", self.cleaned_data["bank_account"])
        if not value.isdigit() or not 12 <= len(value) <= 19:
            raise forms.ValidationError(_("A bank account has 12 to 19 digits."))
        return value


def _benefit_checks(application):
    _values, errors = data_check(BenefitForm, application)
    yield from errors
    checks, _right = eligibility.benefit(application.person, today())
    yield from checks


def _benefit_complete(*, case, actor):
    require(BenefitForm, case)
    benefit_grant(actor=actor, person=case.person, case=case)


def _benefit_summary(case):
    account = case.data.get("bank_account", "")
    rows = [(_("Bank account"), f"{account[:4]}****{account[-4:]}" if len(account) > 8 else "—")]
    if case.result.get("months"):
        rows += [(_("Months of benefit"), case.result["months"]),
                 (_("Amount per month"), case.result["monthly_amount"]),
                 (_("First month"), case.result["first_month"][:7])]
    return rows


def _review_checks(application):
    """The evidence the system found, one line per month: for the reviewer, never blocking."""
    reasons = dict(FraudFlag.Reason.choices)
    for row in application.data.get("months", []):
        yield Check(code=f"month_{row['month']}", label=gettext("Benefit of %(month)s paid while working") % {
            "month": row["month"]}, passed=False, blocking=False,
                    detail=clauses([reasons.get(row["reason"], row["reason"]), row["amount"]]), data=row)


def _review_summary(case):
    return [(_("Overpaid"), case.data.get("overpaid", "—")),
            (_("Months"), enumeration(row["month"] for row in case.data.get("months", []))),
            (_("Decision"), {"confirmed": _("Confirmed: overpayment to recover"),
                             "cleared": _("Cleared: payments resume")}.get(case.result.get("decision"), "—"))]


BENEFIT = ServiceSpec(
    code="employment.benefit", name=_("Unemployment benefit application"), domain="employment",
    kind=Kind.TIME_LIMITED, limit=5, channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    materials=(ID_CARD, Material("bank_card", _("Bank card"))), form=BenefitForm, checks=_benefit_checks,
    open_to=not_pensioner, complete=_benefit_complete, summary=_benefit_summary, popularity=70,
)
FRAUD_REVIEW = ServiceSpec(
    code="employment.fraud_review", name=_("Review of benefit drawn while employed"), domain="employment",
    kind=Kind.TIME_LIMITED, limit=10, channels=frozenset({Channel.SYSTEM}), checks=_review_checks,
    description=_("Raised by the system. Approving confirms the overpayment and stops the benefit for good; "
                  "rejecting clears the flag and the payments resume."),
    complete=fraud_review_confirm, on_reject=fraud_review_clear, summary=_review_summary,
)
SPECS = (BENEFIT, FRAUD_REVIEW)
