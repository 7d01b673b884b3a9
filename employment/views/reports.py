"""Subsidy criteria, prompts, fraud flags and the fund report."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.selectors import persons_visible_to
from employment.charts import fund_chart
from employment.eligibility import subsidies as eligibility
from employment.forms import MAX_REPORT_MONTHS, CriteriaForm, PromptFilterForm, ReportForm
from employment.models import FundRule, SubsidyRule
from employment.rules.months import add_months, months_between
from employment.rules.prompts import LABELS
from employment.selectors.fraud import reviews_visible_to
from employment.selectors.prompts import prompt_counts, prompts_visible_to
from employment.selectors.reports import fund_report

PERM = "employment.view_employment_records"


@require_access(perm=PERM)
def subsidy_criteria(request):
    """The rule table, and a person's criteria for a subsidy as the registry and insurance show them."""
    form = CriteriaForm(request.GET or None)
    person = checks = quote = None
    if form.is_valid():
        person = persons_visible_to(user=request.user).filter(id_number=form.cleaned_data["number"]).first()
        if person is None:
            form.add_error("number", _("No person with this identity number is registered in your area."))
        else:
            access_log_record(request=request, persons=[person], page=Page.EMPLOYMENT)
            checks, quote = eligibility.subsidy(form.cleaned_data["subsidy"], person=person, employer=None,
                                                day=timezone.localdate(), values={})
    return render(request, "employment/subsidy_criteria.html", {
        "form": form, "person": person, "checks": checks, "quote": quote,
        "rules": SubsidyRule.objects.order_by("subsidy", "variant", "-valid_from"),
        "fund_rules": FundRule.objects.order_by("item", "-priority", "situation"),
    })


@require_access(perm=PERM)
def prompt_list(request):
    form = PromptFilterForm(request.GET or None)
    rule = form.cleaned_data["rule"] if form.is_valid() else ""
    page = Paginator(prompts_visible_to(user=request.user, rule=rule), 50).get_page(request.GET.get("page"))
    counts = prompt_counts(user=request.user)
    access_log_record(request=request, persons=[p.person_id for p in page], page=Page.LIST)
    return render(request, "employment/prompt_list.html", {
        "form": form, "prompts": page, "labels": LABELS,
        "counts": [(code, label, counts.get(code, 0)) for code, label in LABELS.items()],
    })


@require_access(perm="employment.view_fraud_flags")
def fraud_list(request):
    status = request.GET.get("status", "")
    reviews = reviews_visible_to(user=request.user, status=status if status in {"open", "confirmed", "cleared"} else "")
    page = Paginator(reviews, 50).get_page(request.GET.get("page"))
    access_log_record(request=request, persons=[r.person_id for r in page], page=Page.LIST)
    return render(request, "employment/fraud_list.html", {"reviews": page, "status": status})


@require_access(perm="employment.view_fund_report")
def fund_report_view(request):
    form = ReportForm(request.GET or None)
    first, last = _months(form, timezone.localdate().replace(day=1))
    report = fund_report(user=request.user, first=first, last=last)
    chart = fund_chart(months=report["months"], funds=[f for f, _label in report["funds"]], totals=report["amounts"])
    return render(request, "employment/fund_report.html", {"form": form, "report": report, "chart": chart,
                                                            "first": first, "last": last})


def _months(form: ReportForm, this_month):
    """The months asked for (the last twelve by default, or when the asked range does not hold)."""
    default = (add_months(this_month, -11), this_month)
    if not form.is_valid():
        return default
    first, last = form.cleaned_data["first"] or default[0], form.cleaned_data["last"] or default[1]
    if last < first or months_between(first, last) > MAX_REPORT_MONTHS:
        return default
    return first, last
