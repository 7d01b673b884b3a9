"""`next` on an action's POST is followed only when it is a path of this site; anything else (-1, full-width
digits, SQL, another host) falls back to the action's own page, and the action that was done is reported done:
never a 500 after the commit."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.navigation import safe_next
from tests.workflow.backoffice_support import accept
from workflow.models import Case, CaseStep
from workflow.rules.states import Status

pytestmark = pytest.mark.django_db

HOSTILE = ["-1", "１２３", "' OR 1=1--", "//evil.example/x", "/\\evil.example", "http://evil.example/",
           "javascript:alert(1)", "workflow:head-board", "cases/", "/a b/", "/\u202e/"]


@pytest.mark.parametrize("value", HOSTILE)
def test_safe_next_returns_only_a_path_of_this_site(value):
    request = RequestFactory().post("/cases/X/claim/", {"next": value})
    assert safe_next(request) is None


@pytest.mark.parametrize("value", ["/cases/", "/cases/?filter=overdue&page=2", "/hall/desk/#queue"])
def test_safe_next_keeps_the_page_the_action_came_from(value):
    assert safe_next(RequestFactory().post("/cases/X/claim/", {"next": value})) == value


def _post(client, user, url, data):
    client.force_login(user)
    response = client.post(url, data)
    messages = [(m.level_tag, str(m)) for m in response.wsgi_request._messages]
    return response, messages


@pytest.mark.parametrize("value", ["-1", "１２３", "' OR 1=1--"])
def test_claim_with_a_bad_next_is_done_and_says_so(client, users, test_services, value):
    case = accept(users)
    response, messages = _post(client, users["reviewer"], reverse("workflow:case-claim", args=[case.number]),
                               {"next": value})
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert Case.objects.get(pk=case.pk).status == Status.IN_REVIEW
    assert [level for level, _text in messages] == ["success"]


@pytest.mark.parametrize("value", ["-1", "１２３", "' OR 1=1--"])
def test_assign_and_send_with_a_bad_next_are_done(client, users, test_services, value):
    case = accept(users)
    response, messages = _post(client, users["head"], reverse("workflow:case-assign", args=[case.number]),
                               {"reviewer": users["reviewer"].pk, "next": value})
    assert response["Location"] == case.get_absolute_url() and {lvl for lvl, _t in messages} == {"success"}
    assert Case.objects.get(pk=case.pk).reviewer_id == users["reviewer"].pk
    fresh = accept(users)
    response, messages = _post(client, users["head"], reverse("workflow:case-reassign", args=[fresh.number]),
                               {"office": users["reviewer2"].office_id, "next": value})
    assert response["Location"] == reverse("workflow:head-board") and {lvl for lvl, _t in messages} == {"success"}
    assert Case.objects.get(pk=fresh.pk).jurisdiction_office_id == users["reviewer2"].office_id


@pytest.mark.parametrize("value", ["-1", "１２３", "' OR 1=1--"])
def test_marking_an_alert_seen_with_a_bad_next_is_done(client, users, test_services, value):
    case = accept(users)
    now = timezone.now()
    step = CaseStep.objects.create(case=case, step="warn", level=1, due_at=now, done_at=now,
                                   target_office=case.jurisdiction_office)
    response, messages = _post(client, users["head"], reverse("workflow:alert-acknowledge", args=[step.pk]),
                               {"next": value})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
    assert CaseStep.objects.get(pk=step.pk).acknowledged_at is not None
    assert [level for level, _text in messages] == ["success"]


def test_a_window_action_with_a_bad_next_goes_back_to_the_desk(client, users):
    from counter.models import Window
    from counter.services import ticket_call_next, ticket_issue, window_open, windows_ensure

    hall = users["clerk"].office
    windows_ensure(hall=hall, count=1)
    window = window_open(window=Window.objects.get(hall=hall, number=1), actor=users["clerk"])
    ticket_issue(hall=hall)
    ticket = ticket_call_next(window=window, actor=users["clerk"])
    response, messages = _post(client, users["clerk"], reverse("counter:ticket-recall", args=[ticket.pk]),
                               {"next": "-1"})
    assert response.status_code == 302 and response["Location"] == reverse("counter:desk")
    assert [level for level, _text in messages] == ["success"]
