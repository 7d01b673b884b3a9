"""The personal rights statement (个人权益记录单): printed at the counter, a kiosk or online."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from insurance.catalogue.common import data_check, require, today
from insurance.rules.codes import format_code
from insurance.services import statement_issue
from workflow.forms import ServiceForm
from workflow.registry import Channel, Kind, ServiceSpec


def _years():
    this = today().year
    return [(y, str(y)) for y in range(this, this - 30, -1)]


class StatementForm(ServiceForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_years)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = today().year - 1


def _checks(application):
    yield from data_check(StatementForm, application)[1]


def _complete(*, case, actor):
    values = require(StatementForm, case)
    statement = statement_issue(person=case.person, year=values["year"], actor=actor, channel=case.channel,
                                case=case)
    case.result = {"statement": statement.code, "year": statement.year}
    case.save(update_fields=["result"])


def _summary(case):
    code = case.result.get("statement")
    rows = [(_("Year"), case.data.get("year", "—"))]
    if code:
        rows += [(_("Verification code"), format_code(code)),
                 (_("Document"), reverse("insurance:statement-download", kwargs={"code": code}))]
    return rows


STATEMENT = ServiceSpec(
    code="insurance.statement", name=_("Personal rights statement"), domain="insurance", kind=Kind.IMMEDIATE,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}), form=StatementForm, checks=_checks,
    complete=_complete, summary=_summary, popularity=75,
)
SPECS = (STATEMENT,)
