"""The case page: what it shows, who may open it, and only the actions the user may take."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.workflow.backoffice_support import accept, sh
from workflow.services import (
    case_claim,
    case_release,
    case_request_supplement,
    case_supplement_received,
    escalation_sweep,
)

pytestmark = pytest.mark.django_db

ACTION_URLS = {
    "claim": "workflow:case-claim", "release": "workflow:case-release", "approve": "workflow:case-approve",
    "reject": "workflow:case-reject", "request_supplement": "workflow:case-request-supplement",
    "supplement_received": "workflow:case-supplement-received", "withdraw": "workflow:case-withdraw",
    "assign": "workflow:case-assign", "reassign": "workflow:case-reassign",
}


@pytest.fixture
def case(users, test_services):
    return accept(users)


def page(client, user, case):
    client.force_login(user)
    return client.get(case.get_absolute_url())


def offered(response, case) -> set[str]:
    """The actions whose forms the page offers (by their URLs in the HTML)."""
    html = response.content.decode()
    return {name for name, url in ACTION_URLS.items() if reverse(url, kwargs={"number": case.number}) in html}


def test_the_page_shows_the_applicant_masked_the_data_checks_materials_and_timeline(client, users, case):
    html = page(client, users["reviewer"], case).content.decode()
    person = case.person
    assert person.masked_id_number in html and person.id_number not in html and person.phone not in html
    assert person.name in html and "河口区" in html
    assert "金额" in html and "100.00" in html  # the service's form labels its data
    assert "金额在限额内" in html and "金额 100.00" in html and "一条提示" in html
    assert "居民身份证" in html and "申请表" in html
    assert "G3705230001" in html and "广饶县人社服务大厅" in html  # who accepted it, where


def test_a_services_own_summary_replaces_the_generic_data(client, users, case, monkeypatch):
    from dataclasses import replace

    from workflow.registry import registry

    spec = registry.get("test.timed")
    monkeypatch.setitem(registry._services, "test.timed",
                        replace(spec, summary=lambda c: [("申请金额", f"¥{c.data['amount']}")]))
    html = page(client, users["reviewer"], case).content.decode()
    assert "申请金额" in html and "¥100.00" in html and "<dt>金额</dt>" not in html


def test_stored_data_is_rendered_safely(client, users, test_services):
    case = accept(users, data={"amount": "1", "<script>x</script>": "<img src=x onerror=alert(1)>"})
    html = page(client, users["reviewer"], case).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>x</script>" not in html


def test_pauses_reminders_and_escalations_are_listed(client, users, case):
    case_claim(case=case, actor=users["reviewer"])
    with freeze_time(sh(2026, 3, 9, 10)):
        case_request_supplement(case=case, actor=users["reviewer"], materials=["form"], note="缺申请表")
    with freeze_time(sh(2026, 3, 11, 10)):
        case_supplement_received(case=case, actor=users["reviewer"])
    escalation_sweep(now=sh(2026, 3, 30, 10))
    response = page(client, users["head"], case)
    html = response.content.decode()
    assert len(response.context["page"].pauses) == 1 and "缺申请表" in html
    steps = [step.step for step in response.context["page"].steps]
    assert steps == ["remind", "warn", "escalate-1", "escalate-2"]
    assert "东营市人力资源和社会保障局领导" in html  # escalated to the leadership


def test_a_reviewer_sees_claim_on_a_queued_case_and_the_decisions_once_it_is_theirs(client, users, case):
    assert offered(page(client, users["reviewer"], case), case) == {"claim", "withdraw"}
    case_claim(case=case, actor=users["reviewer"])
    assert offered(page(client, users["reviewer"], case), case) == {
        "release", "request_supplement", "approve", "reject", "withdraw"}


def test_a_colleague_sees_no_decisions_on_a_case_in_someone_elses_review(client, users, case):
    from tests.factories import StaffFactory

    colleague = StaffFactory(office=users["reviewer"].office, roles=["reviewer"])
    case_claim(case=case, actor=users["reviewer"])
    assert offered(page(client, colleague, case), case) == {"withdraw"}


def test_the_head_may_also_assign_and_send_elsewhere(client, users, case):
    assert offered(page(client, users["head"], case), case) == {"claim", "withdraw", "assign", "reassign"}
    case_claim(case=case, actor=users["reviewer"])
    case_request_supplement(case=case, actor=users["reviewer"], materials=["form"])
    assert offered(page(client, users["head"], case), case) == {
        "supplement_received", "reject", "withdraw", "assign"}


def test_the_accepting_hall_and_the_leadership_only_read(client, users, case):
    for role in ("clerk", "leader"):
        response = page(client, users[role], case)
        assert response.status_code == 200 and offered(response, case) == set()


def test_a_finished_case_offers_nothing(client, users, case):
    case_claim(case=case, actor=users["reviewer"])
    client.force_login(users["reviewer"])
    client.post(reverse("workflow:case-approve", kwargs={"number": case.number}), {"note": ""})
    case.refresh_from_db()
    assert case.status == "completed"
    response = page(client, users["reviewer"], case)
    assert response.status_code == 200 and offered(response, case) == set()


def test_another_districts_case_is_not_found(client, users, test_services):
    elsewhere = accept(users, district="370502001", clerk="clerk2")
    for role in ("reviewer", "head", "clerk"):
        assert page(client, users[role], elsewhere).status_code == 404, role
    assert page(client, users["reviewer2"], elsewhere).status_code == 200
    assert page(client, users["clerk2"], elsewhere).status_code == 200
    assert page(client, users["leader"], elsewhere).status_code == 200
    assert page(client, users["admin"], elsewhere).status_code == 403


def _busy(case, users, cycles):
    """A long history: claims and releases, material asked for and received, the sweep's steps."""
    for _ in range(cycles):
        case_claim(case=case, actor=users["reviewer"])
        case_request_supplement(case=case, actor=users["reviewer"], materials=["form"])
        case_supplement_received(case=case, actor=users["reviewer"])
        case_release(case=case, actor=users["reviewer"])
    case_claim(case=case, actor=users["reviewer"])


# user, the session's second-factor device, office; the case, materials, events, pauses,
# steps; the assign form's reviewers and the send form's offices; the files handed in online; the access log's one
# insert. The calendar is the pages' shared copy (none once warm).
CASE_PAGE_QUERIES = 12


def test_the_case_page_makes_the_same_queries_however_long_its_history(client, users, test_services,
                                                                       django_assert_num_queries):
    short, long = accept(users), accept(users)
    _busy(short, users, 1)
    _busy(long, users, 8)
    escalation_sweep(now=sh(2026, 4, 30, 10))
    client.force_login(users["head"])
    client.get(short.get_absolute_url())  # the login's first request records activity in the session
    for case in (short, long):
        with django_assert_num_queries(CASE_PAGE_QUERIES):
            response = client.get(case.get_absolute_url())
        assert response.status_code == 200
    assert len(response.context["page"].events) > 30
