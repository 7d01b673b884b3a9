"""Permission-table rows for labour's pages. The inspection team's and the commission's pages need the review
permission; the table's reviewer and head sit in 河口区's back office, so they get the list (saying their office is
not a team) and a 404 for any complaint or application (another office's); the tests in tests/labour/test_views.py
open them as the team. The employer's page: its own complaints only (another employer's is not found)."""

from __future__ import annotations

from tests.architecture.access import EMPLOYER, Page

REVIEWERS = ("reviewer", "head")
NOT_THEIRS = {"reviewer": 404, "head": 404}


def context(ctx: dict) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Employer
    from labour.catalogue import ARBITRATION, COMPLAINT
    from workflow.services import case_accept

    own = ctx["employer_admin"].employer
    other = Employer.objects.exclude(pk=own.pk).order_by("pk").first()
    today = timezone.localdate()

    def complaint(employer):
        data = {"employer": employer.credit_code, "kind": "wages", "period_from": (today - timedelta(days=90))
                .isoformat(), "period_to": (today - timedelta(days=5)).isoformat(), "amount": "9000.00",
                "description": "拖欠工资"}
        return case_accept(service_code=COMPLAINT, actor=ctx["clerk"], channel="counter", person=ctx["person_hekou"],
                           data=data, office=ctx["clerk"].office)

    arbitration = case_accept(service_code=ARBITRATION, actor=ctx["clerk"], channel="counter",
                              person=ctx["person_hekou"], office=ctx["clerk"].office,
                              data={"employer": own.credit_code, "claims": "支付工资", "amount": "",
                                    "dispute_arose_on": (today - timedelta(days=30)).isoformat()})
    return {"labour_complaint": complaint(own), "labour_other_complaint": complaint(other),
            "labour_arbitration": arbitration}


def _number(key):
    return lambda ctx: {"number": ctx[key].number}


def _post(data=None):
    return {"method": "post", "data": lambda ctx: data or {"note": ""}}


PAGES = [
    Page("labour:complaints", allow=REVIEWERS),
    Page("labour:complaint-detail", allow=(), kwargs=_number("labour_complaint"), overrides=NOT_THEIRS),
    Page("labour:complaint-accept", allow=(), kwargs=_number("labour_complaint"), overrides=NOT_THEIRS, **_post()),
    Page("labour:complaint-refuse", allow=(), kwargs=_number("labour_complaint"), overrides=NOT_THEIRS,
         **_post({"reason": "不属于受理范围"})),
    Page("labour:complaint-conclude", allow=(), kwargs=_number("labour_complaint"), overrides=NOT_THEIRS,
         **_post({"outcome": "paid"})),
    Page("labour:complaint-extend", allow=(), kwargs=_number("labour_complaint"), overrides={"head": 404},
         **_post({"note": "案情复杂"})),
    Page("labour:arbitrations", allow=REVIEWERS),
    Page("labour:arbitration-detail", allow=(), kwargs=_number("labour_arbitration"), overrides=NOT_THEIRS),
    Page("labour:arbitration-accept", allow=(), kwargs=_number("labour_arbitration"), overrides=NOT_THEIRS,
         **_post()),
    Page("labour:hearing-schedule", allow=(), kwargs=_number("labour_arbitration"), overrides=NOT_THEIRS,
         **_post({"at": "2030-01-01T09:00", "place": "第一仲裁庭"})),
    Page("labour:arbitration-award", allow=(), kwargs=_number("labour_arbitration"), overrides=NOT_THEIRS,
         **_post({"award": "upheld", "text": "支持"})),
    Page("labour:arbitration-extend", allow=(), kwargs=_number("labour_arbitration"), overrides={"head": 404},
         **_post({"note": "案情复杂"})),
    Page("labour:employer-complaints", allow=EMPLOYER),
    Page("labour:employer-answer", allow=EMPLOYER, ok=302, kwargs=_number("labour_complaint"),
         **_post({"text": "已安排支付"})),
    Page("labour:employer-answer", allow=(), kwargs=_number("labour_other_complaint"),
         overrides={"employer_admin": 404, "employer_staff": 404}, **_post({"text": "已安排支付"})),
]
