"""Every action of the case page: a POST to its own URL that calls one service; a refusal is a clear message
and changes nothing; then back to where the user came from."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory
from tests.workflow.backoffice_support import accept
from workflow.exceptions import NotEligible
from workflow.models import Case
from workflow.rules.states import Status
from workflow.services import case_approve, case_claim, case_request_supplement

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(users, test_services):
    return accept(users)


@pytest.fixture
def in_review(case, users):
    return case_claim(case=case, actor=users["reviewer"])


@pytest.fixture
def waiting(in_review, users):
    return case_request_supplement(case=in_review, actor=users["reviewer"], materials=["form"], note="缺申请表")


def post(client, user, name, case, data=None):
    client.force_login(user)
    url = reverse(f"workflow:{name}", kwargs={"number": case.number})
    return client.post(url, data or {}, follow=True)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def state(case) -> tuple:
    case = Case.objects.get(pk=case.pk)
    return case.status, case.reviewer_id, case.jurisdiction_office_id, case.materials_missing, case.events.count()


def test_claim(client, users, case):
    response = post(client, users["reviewer"], "case-claim", case)
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    assert state(case)[:2] == (Status.IN_REVIEW, users["reviewer"].pk)
    before = state(case)
    response = post(client, users["head"], "case-claim", case)
    assert any("此业务已不在待领取队列中" in m for m in messages_of(response))
    assert state(case) == before


def test_release(client, users, in_review):
    post(client, users["reviewer"], "case-release", in_review, {"note": "需科长定夺"})
    assert state(in_review)[:2] == (Status.ROUTED, None)
    before = state(in_review)
    response = post(client, users["reviewer"], "case-release", in_review)
    assert messages_of(response) and state(in_review) == before  # a queued case cannot be released again


def test_request_material(client, users, in_review):
    before = state(in_review)
    response = post(client, users["reviewer"], "case-request-supplement", in_review, {"note": " "})
    assert "请说明需要补正的材料。" in messages_of(response) and state(in_review) == before
    response = post(client, users["reviewer"], "case-request-supplement", in_review, {"materials": ["bogus"]})
    assert messages_of(response) and state(in_review) == before
    post(client, users["reviewer"], "case-request-supplement", in_review, {"materials": ["form"], "note": "原件"})
    assert state(in_review)[0] == Status.SUPPLEMENT_REQUESTED and state(in_review)[3] == ["form"]
    assert Case.objects.get(pk=in_review.pk).paused_at is not None


def test_material_received(client, users, waiting, in_review):
    before = state(waiting)
    response = post(client, users["reviewer"], "case-supplement-received", waiting, {"note": "x"})
    assert messages_of(response) and state(waiting) == before  # nothing ticked
    post(client, users["reviewer"], "case-supplement-received", waiting, {"materials": ["form"]})
    case = Case.objects.get(pk=waiting.pk)
    assert case.status == Status.IN_REVIEW and case.paused_at is None and case.materials_received == ["form"]
    before = state(case)
    response = post(client, users["reviewer"], "case-supplement-received", case, {"materials": ["form"]})
    assert messages_of(response) and state(case) == before


def test_approve(client, users, in_review, test_services):
    colleague = StaffFactory(office=users["reviewer"].office, roles=["reviewer"])
    before = state(in_review)
    response = post(client, colleague, "case-approve", in_review, {"note": "同意"})
    assert "此业务正由其他经办人审核。" in messages_of(response) and state(in_review) == before
    assert test_services.COMPLETIONS == []
    post(client, users["reviewer"], "case-approve", in_review, {"note": "材料齐全"})
    case = Case.objects.get(pk=in_review.pk)
    assert case.status == Status.COMPLETED and case.decision_note == "材料齐全"
    assert test_services.COMPLETIONS == [("test.timed", case.pk)]


def test_reject_needs_a_reason(client, users, waiting):
    before = state(waiting)
    response = post(client, users["reviewer"], "case-reject", waiting, {"reason": "   "})
    assert "不予通过须说明理由。" in messages_of(response) and state(waiting) == before
    post(client, users["reviewer"], "case-reject", waiting, {"reason": "逾期未补正"})
    case = Case.objects.get(pk=waiting.pk)
    assert case.status == Status.REJECTED and case.decision_note == "逾期未补正" and case.paused_at is None


def test_withdraw_on_the_applicants_behalf(client, users, case, test_services):
    before = state(case)
    response = post(client, users["reviewer"], "case-withdraw", case, {"note": ""})
    assert messages_of(response) and state(case) == before  # the reason is required
    post(client, users["reviewer"], "case-withdraw", case, {"note": "本人书面申请撤回"})
    assert state(case)[0] == Status.WITHDRAWN
    decided = accept(users)
    case_claim(case=decided, actor=users["reviewer"])
    case_approve(case=decided, actor=users["reviewer"])
    before = state(decided)
    response = post(client, users["reviewer"], "case-withdraw", decided, {"note": "撤回"})
    assert "已审批的业务不能撤回。" in messages_of(response) and state(decided) == before


def test_assign(client, users, case):
    before = state(case)
    response = post(client, users["head"], "case-assign", case, {"reviewer": users["reviewer2"].pk})
    assert messages_of(response) and state(case) == before  # 东营区's reviewer is no choice here
    response = post(client, users["head"], "case-assign", case, {"reviewer": users["reviewer"].pk,
                                                                 "next": reverse("workflow:head-board")})
    assert response.redirect_chain[-1][0] == reverse("workflow:head-board")
    assert state(case)[:2] == (Status.IN_REVIEW, users["reviewer"].pk)


def test_send_to_another_back_office(client, users, case, waiting):
    other = users["reviewer2"].office
    before = state(waiting)
    response = post(client, users["head"], "case-reassign", waiting, {"office": other.pk})
    assert "只有待领取或审核中的业务可以转交。" in messages_of(response) and state(waiting) == before
    fresh = accept(users)
    response = post(client, users["head"], "case-reassign", fresh, {"office": other.pk, "note": "户籍在东营区"})
    # The case left the head's sight: back to the board, not to a page that is now a 404.
    assert response.redirect_chain[-1][0] == reverse("workflow:head-board")
    assert state(fresh)[2] == other.pk


def test_a_domain_refusal_is_a_message_too(client, users, in_review, monkeypatch):
    def refuse(**kwargs):
        raise NotEligible("条件不符：缴费不足")

    monkeypatch.setattr("workflow.services.case_approve", refuse)
    response = post(client, users["reviewer"], "case-approve", in_review)
    assert messages_of(response) == ["条件不符：缴费不足"] and state(in_review)[0] == Status.IN_REVIEW


def test_another_districts_case_cannot_be_acted_on(client, users, test_services):
    elsewhere = accept(users, district="370502001", clerk="clerk2")
    client.force_login(users["head"])
    for name in ("case-claim", "case-assign", "case-reassign", "case-withdraw"):
        response = client.post(reverse(f"workflow:{name}", kwargs={"number": elsewhere.number}))
        assert response.status_code == 404, name
    assert state(elsewhere)[:2] == (Status.ROUTED, None)


def test_actions_only_answer_posts_and_only_go_back_to_our_own_pages(client, users, case):
    client.force_login(users["reviewer"])
    url = reverse("workflow:case-claim", kwargs={"number": case.number})
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
