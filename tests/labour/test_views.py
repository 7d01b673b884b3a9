"""Labour's pages as the inspection team, the commission, the employer and the desk read them (in Chinese), their
query counts, hostile input on their forms, and the prompts labour raises across domains."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from labour.models import Complaint
from tests.labour.helpers import apply_arbitration, complaint_data, file_online
from tests.support.text import visible_text
from workflow import profiles
from workflow.exceptions import NotEligible
from workflow.rules.states import Status
from workflow.services import case_check


def _dates():
    today = timezone.localdate()
    return {"start": today - timedelta(days=90), "end": today - timedelta(days=5)}


@pytest.fixture
def two(employer, workers):
    return [file_online(worker, employer, **_dates()) for worker in workers]


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_team_reads_its_matter_in_chinese_with_both_workers(client, two, staff, employer):
    client.force_login(staff["inspector02"])
    text = visible_text(client.get(reverse("labour:complaints")).content)
    assert "未办结的欠薪案件" in text and employer.name in text
    assert two[0].person.name in text and two[1].person.name in text
    assert "wages" not in text and "Open wage matters" not in text


def test_the_list_and_detail_cost_the_same_with_more_complaints(client, two, staff, employer, workers):
    client.force_login(staff["inspector02"])
    lst = reverse("labour:complaints")
    detail = reverse("labour:complaint-detail", args=[two[0].case.number])
    few = (_queries(client, lst), _queries(client, detail))
    for _ in range(3):
        file_online(workers[0], employer, **_dates())
    assert (_queries(client, lst), _queries(client, detail)) == few
    assert few[0] <= 8 and few[1] <= 8, few


def test_accept_then_conclude_through_the_pages(client, two, staff):
    client.force_login(staff["inspector02"])
    number = two[0].case.number
    client.post(reverse("labour:complaint-accept", args=[number]), {"note": "并案调查"})
    page = visible_text(client.get(reverse("labour:complaint-detail", args=[number])).content)
    assert "已立案" in page and "记录处理结果" in page
    response = client.post(reverse("labour:complaint-conclude", args=[number]),
                           {"outcome": "ordered", "recovered": "", "note": ""})
    assert response.status_code == 302
    assert Complaint.objects.get(pk=two[0].pk).case.status == Status.COMPLETED


@pytest.mark.parametrize("data", [
    {"outcome": "<script>alert(1)</script>"},
    {"outcome": "paid", "recovered": "-5"},
    {"outcome": "paid", "recovered": "1e12"},
    {"outcome": "paid", "recovered": "abc"},
    {"outcome": "paid", "note": "x" * 5000},
    {"outcome": "paid", "recovered": "999999.00"},  # out of proportion to 8000 owed: refused by the model's rule
])
def test_hostile_outcomes_say_why_and_change_nothing(client, two, staff, data):
    from labour import services

    services.complaint_accept(complaint=two[0], actor=staff["inspector02"])
    client.force_login(staff["inspector02"])
    number = two[0].case.number
    response = client.post(reverse("labour:complaint-conclude", args=[number]), data, follow=True)
    assert response.status_code == 200 and list(response.context["messages"])
    complaint = Complaint.objects.get(pk=two[0].pk)
    assert complaint.outcome == "" and complaint.case.status == Status.IN_REVIEW


@pytest.mark.parametrize("change", [
    {"amount": "-1"}, {"amount": "1e12"}, {"amount": "0"}, {"amount": "abc"},
    {"employer": "<script>alert(1)</script>"}, {"employer": "91370000MA00000000"}, {"employer": ""},
    {"period_from": "2026-13-45"}, {"description": "长" * 2001}, {"kind": "bogus"},
])
def test_hostile_complaint_forms_are_refused(employer, workers, change):
    from accounts.models import User

    data = {**complaint_data(employer, **_dates()), **change}
    with pytest.raises(NotEligible):
        from workflow.services import case_accept

        case_accept(service_code="labour.complaint", actor=User.objects.get(person=workers[0]), channel="online",
                    person=workers[0], data=data)
    assert not Complaint.objects.filter(person=workers[0]).exists()


def test_reversed_or_future_periods_are_refused(employer, workers):
    from accounts.models import User

    actor = User.objects.get(person=workers[0])
    today = timezone.localdate()
    for start, end in ((today - timedelta(days=5), today - timedelta(days=90)), (today, today + timedelta(days=9))):
        checks = case_check(service_code="labour.complaint", actor=actor, channel="online", person=workers[0],
                            data=complaint_data(employer, start=start, end=end))
        assert any(c.is_error for c in checks)


def test_the_resident_files_online_from_the_apply_page(client, employer, workers):
    from accounts.models import User

    client.force_login(User.objects.get(person=workers[0]))
    url = reverse("resident:apply-service", args=["labour.complaint"])
    assert "劳动保障监察投诉" in visible_text(client.get(url).content)
    form = {f"f-{key}": value for key, value in complaint_data(employer, **_dates()).items()}
    checked = client.post(url, form)
    assert checked.status_code == 200 and not checked.context["blocked"]
    done = client.post(url, {**form, "action": "submit", "token": checked.context["token"]})
    assert done.status_code == 302
    complaint = Complaint.objects.get(person=workers[0])
    assert complaint.case.channel == "online" and complaint.case.jurisdiction_office.code == "INSP-370502"


def test_the_employer_answers_on_its_page(client, two, employer):
    from accounts.services import employer_user_create

    own = employer_user_create(actor=None, employer=employer, username="labour-emp2", password="Dongying@2026x",
                               is_admin=True, name="经办")
    client.force_login(own)
    url = reverse("labour:employer-complaints")
    page = visible_text(client.get(url).content)
    assert "针对本单位的投诉" in page and two[0].case.number in page
    few = _queries(client, url)
    client.post(reverse("labour:employer-answer", args=[two[0].case.number]), {"text": "本月底前支付"})
    assert Complaint.objects.get(pk=two[0].pk).answer == "本月底前支付"
    client.post(reverse("labour:employer-answer", args=[two[1].case.number]), {"text": " " * 10})
    assert Complaint.objects.get(pk=two[1].pk).answer == ""
    assert _queries(client, url) == few and few <= 12, few
    home = visible_text(client.get(reverse("portal:employer-home")).content)
    assert "有未办结的欠薪投诉" in home  # the flag on its own home page


def test_the_desk_flags_the_employer_and_the_board_lists_it(client, two, employer, staff, users):
    checks = profiles.prompts(employer, subject_kind="employer")
    assert [c.data["count"] for c in checks if c.code == "labour.open_wage_complaints"] == [2]
    client.force_login(users["clerk"])
    desk = visible_text(client.get(reverse("counter:desk-subject", args=["employer", employer.pk])).content)
    assert "有未办结的欠薪投诉" in desk
    client.force_login(staff["inspector-head"])
    board = visible_text(client.get(reverse("workflow:head-board")).content)
    assert "有未办结欠薪投诉的用人单位" in board and employer.name in board


def test_a_complainant_registered_unemployed_is_offered_employment_services(two, workers, staff):
    from employment.models import StatusPeriod

    def codes(person):
        return [c.code for c in profiles.prompts(person)]

    assert "employment.labour_complaint_unemployed" not in codes(workers[0])
    StatusPeriod.objects.create(person=workers[0], kind="unemployed", started_on=date(2026, 1, 5),
                                recorded_by=staff["clerk"])
    assert "employment.labour_complaint_unemployed" in codes(workers[0])


def test_the_commission_pages(client, employer, workers, staff):
    application = apply_arbitration(workers[0], employer, arose=timezone.localdate() - timedelta(days=20))
    client.force_login(staff["arbitrator"])
    number = application.case.number
    assert application.case.number in visible_text(client.get(reverse("labour:arbitrations")).content)
    few = _queries(client, reverse("labour:arbitrations"))
    apply_arbitration(workers[1], employer, arose=timezone.localdate() - timedelta(days=10))
    assert _queries(client, reverse("labour:arbitrations")) == few <= 7, few
    client.post(reverse("labour:arbitration-accept", args=[number]))
    when = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT09:30")
    client.post(reverse("labour:hearing-schedule", args=[number]), {"at": when, "place": "第二仲裁庭"})
    detail = reverse("labour:arbitration-detail", args=[number])
    page = visible_text(client.get(detail).content)
    assert "第二仲裁庭" in page and "记录裁决" in page
    assert _queries(client, detail) <= 9
    response = client.post(reverse("labour:hearing-schedule", args=[number]), {"at": "not a date", "place": ""},
                           follow=True)
    assert list(response.context["messages"]) and application.hearings.count() == 1


@pytest.mark.parametrize("text", ["x" * 2001, "", "<script>alert(1)</script>"])
def test_hostile_answers_are_refused_or_shown_as_text(client, two, employer, text):
    from accounts.services import employer_user_create

    client.force_login(employer_user_create(actor=None, employer=employer, username="labour-emp3",
                                            password="Dongying@2026x", is_admin=True, name="经办"))
    client.post(reverse("labour:employer-answer", args=[two[0].case.number]), {"text": text})
    stored = Complaint.objects.get(pk=two[0].pk).answer
    page = client.get(reverse("labour:employer-complaints")).content.decode()
    if text.startswith("<script>"):
        assert stored == text and "<script>alert(1)" not in page and "&lt;script&gt;" in page
    else:
        assert stored == ""
