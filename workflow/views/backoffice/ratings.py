"""Ratings in the back office: the supervision page of ratings and rectifications (评价统计), and the two actions
of a rectification case (reply to the rater, record the rectification)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.access import require_access
from workflow.models import Rating
from workflow.rules import ratings as rules
from workflow.selectors.ratings import bad_ratings_recent, ratings_by_office, ratings_by_staff
from workflow.services.ratings import RECTIFIED_MAX, REPLY_MAX, rectification_record, rectification_reply
from workflow.views.backoffice.case import _act


class ReplyForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Reply to the rater (sent by SMS)"), max_length=REPLY_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}))


class RectifiedForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("What was put right"), max_length=RECTIFIED_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}))


def rectification_context(case) -> dict:
    """The rating panel of a rectification case's page (one query), or nothing for any other case."""
    if case.service.code != "workflow.rectification":
        return {}
    rating = Rating.objects.select_related("case", "staff", "office").filter(rectification=case).first()
    return {"rectification": rating, "reply_form": ReplyForm(auto_id="reply-%s"),
            "rectified_form": RectifiedForm(auto_id="rectified-%s")}


@require_access(perm="workflow.review_case")
@require_POST
def reply(request: HttpRequest, number: str) -> HttpResponse:
    return _act(request, number, form=lambda case: ReplyForm(request.POST),
                done=_("The rater of case %(number)s is answered by SMS."),
                run=lambda case, data: rectification_reply(case=case, actor=request.user, text=data["text"]))


@require_access(perm="workflow.review_case")
@require_POST
def rectified(request: HttpRequest, number: str) -> HttpResponse:
    return _act(request, number, form=lambda case: RectifiedForm(request.POST),
                done=_("The rectification of case %(number)s is recorded and completed."),
                run=lambda case, data: rectification_record(case=case, actor=request.user, text=data["text"]))


@require_access(perm="workflow.view_rating_stats")
@require_safe
def rating_stats(request: HttpRequest) -> HttpResponse:
    """Ratings and rectifications per office and staff member, in a month: the head sees the office, the
    leadership every office. Three queries, whatever the number of ratings."""
    city = request.user.has_perm("workflow.view_city_overview")
    office_ids = None if city else [request.user.office_id]
    month = rules.parse_month(request.GET.get("month"), today=timezone.localdate())
    now = timezone.now()
    return render(request, "workflow/backoffice/rating_stats.html", {
        "month": month, "previous": month.previous, "levels": sorted(rules.Level.choices, reverse=True),
        "offices": ratings_by_office(month=month, office_ids=office_ids, now=now),
        "staff": ratings_by_staff(month=month, office_ids=office_ids, now=now),
        "bad": bad_ratings_recent(office_ids=office_ids), "city": city})
