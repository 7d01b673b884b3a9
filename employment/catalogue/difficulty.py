"""Employment-difficulty determination (就业困难人员认定), time-limited: the registry's facts judged by the rules,
plus categories the applicant declares with evidence for the reviewer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from employment.catalogue.common import ID_CARD, require
from employment.eligibility import difficulty as eligibility
from employment.eligibility.common import data_check, not_pensioner, today
from employment.rules import difficulty as rules
from employment.services import difficulty_determine
from workflow.forms import ServiceForm
from workflow.registry import Channel, Kind, Material, ServiceSpec


class DifficultyForm(ServiceForm):
    declared = forms.MultipleChoiceField(label=_("Other categories declared (with evidence)"), required=False,
                                         choices=list(rules.DECLARED.items()), widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


def _checks(application):
    values, errors = data_check(DifficultyForm, application)
    yield from errors
    yield from eligibility.determination(application.person, today(), (values or {}).get("declared", []))


def _complete(*, case, actor):
    values = require(DifficultyForm, case)
    determination = difficulty_determine(actor=actor, person=case.person, case=case, declared=values["declared"])
    case.result = {"categories": determination.categories, "valid_until": determination.valid_until.isoformat()}
    case.save(update_fields=["result"])


def _summary(case):
    declared = [str(rules.DECLARED[c]) for c in case.data.get("declared", []) if c in rules.DECLARED]
    found = case.result.get("categories", [])
    labels = {**rules.CATEGORY_LABELS, **rules.DECLARED}
    rows = [(_("Declared categories"), "、".join(declared) or "—")]
    if found:
        rows.append((_("Categories determined"), "、".join(str(labels[c]) for c in found if c in labels)))
    return rows


DIFFICULTY = ServiceSpec(
    code="employment.difficulty", name=_("Employment-difficulty determination"), domain="employment",
    kind=Kind.TIME_LIMITED, limit=10, channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    materials=(ID_CARD, Material("evidence", _("Evidence of the declared categories"), required=False)),
    form=DifficultyForm, checks=_checks, complete=_complete, summary=_summary, popularity=50, open_to=not_pensioner,
)
SPECS = (DIFFICULTY,)
