"""Logs: JSON lines with a request id and a user id, the id carried into Celery tasks, and no person named.

The scan runs the portal's representative requests and tasks (staff login, the desk identifying a person and
accepting a case, a resident signing up and logging in with an SMS code, an API call, the outbox sending with the
console backend, the escalation sweep) with every logger at DEBUG, and looks for the identity numbers, phone
numbers and names of the people involved in what the log statements wrote and in what the formatter put out.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from freezegun import freeze_time

from accounts.api_clients import api_client_create
from accounts.demo import DEMO_PASSWORD
from accounts.models import ApiScope, Person, User
from portal.observability.requestid import RequestIdMiddleware
from tests.conftest import sent_code
from tests.factories import PersonFactory, region
from workflow.models import Case, OutboundMessage

pytestmark = pytest.mark.django_db


def _personal_data(persons, users) -> list[str]:
    values = set()
    for person in persons:
        values |= {person.id_number, person.id_number.lower(), person.phone, person.name}
    for user in users:
        values |= {user.get_full_name(), user.first_name, user.last_name, user.phone or ""}
    # Every identity number and phone number of the registry, whoever they belong to.
    for id_number, phone in Person.objects.values_list("id_number", "phone"):
        values |= {id_number, phone}
    return sorted(v for v in values if v and len(v) >= 2)


def _leaks(text: str, values: list[str]) -> list[str]:
    return [value for value in values if value in text]


def test_representative_requests_and_tasks_log_no_identity_number_phone_or_name(
        client, users, test_services, settings, json_log, django_capture_on_commit_callbacks):
    from workflow.tasks import escalation_sweep_task, outbox_dispatch_task

    settings.SMS_PROVIDER = "console"
    settings.DEBUG = False
    newcomer = PersonFactory(name="欧阳小梅", phone="13912345678", hukou_region=region("370503001"),
                             residence_region=region("370503001"))
    applicant = PersonFactory(name="司马大海", phone="13712345679", hukou_region=region("370503001"),
                              residence_region=region("370523001"))
    checked = PersonFactory(name="诸葛明亮", phone="13612345670")
    clerk = users["clerk"]

    # Staff login (a wrong password first: axes logs the attempt), then a resident's user name (their identity
    # number) with a wrong password.
    client.post(reverse("accounts:login"), {"username": "clerk", "password": "wrong-password"})
    client.post(reverse("accounts:login"), {"username": "clerk", "password": DEMO_PASSWORD})
    client.post(reverse("accounts:login"), {"username": newcomer.id_number, "password": "wrong-password"})
    client.logout()

    # The desk: identify a person by identity number, open their picture, accept a time-limited case.
    client.force_login(clerk)
    client.post(reverse("counter:identify"), {"number": applicant.id_number})
    client.get(reverse("counter:desk-subject", args=["person", applicant.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("counter:desk-service", args=["person", applicant.pk, "test.timed"]),
                               {"f-amount": "5", "d-materials": ["id_card", "form"], "action": "accept"})
    assert response.status_code == 302
    case = Case.objects.get(person=applicant)
    client.logout()

    # A resident signs up online with identity number and name, and logs in with the code sent by SMS.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("resident:signup"), {"id_number": newcomer.id_number, "name": newcomer.name})
    client.post(reverse("resident:signup-code"), {"code": sent_code(newcomer)})
    password = "Xk7#mq2!Lr9w"
    response = client.post(reverse("resident:signup-password"), {"new_password1": password,
                                                                  "new_password2": password})
    assert response["Location"] == reverse("portal:resident-home")
    client.logout()

    # An API call naming a person.
    _api, token = api_client_create(name="东营市公安局", department="公安", scopes=list(ApiScope.values))
    response = client.post("/api/v1/public-security/identity-checks",
                           json.dumps({"id_number": checked.id_number, "name": checked.name}),
                           content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200

    # The tasks: the outbox sends what is queued through the console backend; the sweep warns on the overdue case.
    outbox_dispatch_task.delay()
    assert not OutboundMessage.objects.filter(status="queued").exists()
    with freeze_time(case.deadline + timedelta(days=10)):
        escalation_sweep_task.delay()
        outbox_dispatch_task.delay()

    personal = _personal_data([newcomer, applicant, checked], [
        clerk, users["resident"], *User.objects.filter(person__in=[newcomer, applicant, checked])])
    assert not _leaks("\n".join(json_log.raw.texts), personal), "a log statement writes personal data"
    assert not _leaks(json_log.text, personal), "the log output holds personal data"
    lines = json_log.lines()
    loggers = {line["logger"] for line in lines}
    # The capture saw what it should have: the access lines, axes, the SMS console, the API log.
    assert {"portal.requests", "axes.handlers.database", "workflow.sms", "portal.api"} <= loggers, loggers
    assert any(line["logger"] == "workflow.sms" and "139****5678" in line["message"] for line in lines)
    for line in lines:
        assert {"time", "level", "logger", "message", "request_id", "user_id"} <= set(line), line
    assert all(line["request_id"] for line in lines if line["logger"] == "portal.requests")
    assert {line["user_id"] for line in lines if line["logger"] == "portal.requests"} >= {clerk.pk, None}


def test_a_line_is_json_with_time_level_logger_message_request_id_and_user_id(client, users, json_log):
    client.force_login(users["clerk"])
    response = client.get(reverse("counter:desk"), headers={"X-Request-ID": "proxy-7f3a9c21"})
    assert response["X-Request-ID"] == "proxy-7f3a9c21"
    (line,) = [line for line in json_log.lines() if line["logger"] == "portal.requests"]
    assert line["request_id"] == "proxy-7f3a9c21" and line["user_id"] == users["clerk"].pk
    assert line["level"] == "INFO" and line["route"] == "/hall/" and line["status"] == 200
    assert datetime.fromisoformat(line["time"].replace("Z", "+00:00")).tzinfo is not None
    assert "?" not in line["message"]


@pytest.mark.parametrize("incoming", ["", "short", "has space in it", "x" * 65, "<script>alert(1)</script>",
                                      "abc\nINFO forged line", "ünïcødé-id-123"])
def test_an_insane_incoming_request_id_is_replaced_by_one_of_our_own(client, incoming, json_log):
    response = client.get(reverse("portal:home"), headers={"X-Request-ID": incoming} if incoming else {})
    made = response["X-Request-ID"]
    assert made != incoming and len(made) == 32 and int(made, 16) >= 0
    assert [line["request_id"] for line in json_log.lines() if line["logger"] == "portal.requests"] == [made]


def test_every_line_of_a_request_carries_its_id_and_none_leaks_into_the_next(json_log):
    logger = logging.getLogger("tests.observe")

    def view(request):
        logger.info("inside the view")
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    logger.info("after the request")
    inside, after = [line for line in json_log.lines() if line["logger"] == "tests.observe"]
    assert inside["request_id"] == response["X-Request-ID"] and after["request_id"] is None


def test_sms_text_is_logged_only_with_debug_on(users, settings, json_log):
    from workflow.services.outbox import outbox_enqueue
    from workflow.sms import ConsoleBackend

    message = outbox_enqueue(key="test:observe", phone="13812345678", body="您的验证码是 123456，欧阳小梅")
    settings.DEBUG = False
    ConsoleBackend().send(message)
    settings.DEBUG = True
    ConsoleBackend().send(message)
    quiet, loud = [line["message"] for line in json_log.lines() if line["logger"] == "workflow.sms"]
    assert "138****5678" in quiet and "123456" not in quiet and "欧阳小梅" not in quiet
    assert "123456" in loud and "13812345678" not in loud


def test_the_formatter_masks_numbers_a_statement_let_through(json_log):
    logging.getLogger("tests.observe").warning("provider refused +8613812345678 for 370502199001011234, 0546-8888888")
    (line,) = [line for line in json_log.lines() if line["logger"] == "tests.observe"]
    assert line["message"] == "provider refused 138****5678 for 370502********1234, 0546****"


def test_make_runs_readable_text_and_production_writes_json():
    from portal.observability.logs import logging_config

    assert logging_config(level="INFO", fmt="json")["handlers"]["console"]["formatter"] == "json"
    assert logging_config(level="INFO", fmt="text")["handlers"]["console"]["formatter"] == "text"
    from django.conf import settings

    assert settings.LOG_FORMAT == "json"  # the default



def test_djangos_own_line_for_a_refused_request_carries_its_id_and_not_its_query_string(client, json_log):
    response = client.get(reverse("metrics") + "?name=欧阳小梅", headers={"X-Request-ID": "proxy-refused-01"})
    assert response.status_code == 403
    (line,) = [line for line in json_log.lines() if line["logger"] == "django.request"]
    assert line["request_id"] == "proxy-refused-01" and "request" not in line
    assert "欧阳小梅" not in json_log.text
