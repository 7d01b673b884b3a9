"""With Redis (the broker) stopped, a clerk still accepts a case in normal time; once Redis is back, the
dispatcher queues its SMS and a real Celery worker sends it, exactly once."""

from __future__ import annotations

import time

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.test import override_settings
from django.urls import include, path
from django.utils import timezone

from accounts.access import require_access
from tests.factories import PersonFactory, region
from tests.workflow.fake_twilio import running_fake_twilio
from workflow.models import OutboundMessage
from workflow.services import case_accept
from workflow.services.outbox import outbox_dispatch

pytestmark = pytest.mark.django_db(transaction=True)

Status = OutboundMessage.Status


@require_access(perm="workflow.accept_case")
def accept_view(request):
    """What the counter desk will do: accept a case for the person named (the page itself is not built yet)."""
    from django.http import HttpResponse

    from accounts.models import Person

    person = Person.objects.get(pk=request.POST["person"])
    case = case_accept(service_code="test.timed", actor=request.user, channel="counter", person=person)
    return HttpResponse(case.number, status=201)


urlpatterns = [path("accept/", accept_view), path("", include("portal.urls"))]


@pytest.fixture
def broker_app(private_redis, monkeypatch):
    """A Celery app of the test's own on its private Redis, not eager: tasks really go through the broker."""
    import portal.celery

    monkeypatch.setenv("CELERY_SKIP_CHECKS", "1")
    with override_settings(CELERY_BROKER_URL=private_redis.url, CELERY_TASK_ALWAYS_EAGER=False,
                           CELERY_BROKER_TRANSPORT_OPTIONS=settings.REDIS_BROKER_TRANSPORT_OPTIONS):
        app = Celery("outbox-test")
        app.config_from_object("django.conf:settings", namespace="CELERY")
        app.conf.worker_hijack_root_logger = False
        app.finalize()
        app.set_current()
        try:
            yield app
        finally:
            app.close()
            portal.celery.app.set_current()
            portal.celery.app.set_default()


def _hekou_person():
    return PersonFactory(hukou_region=region("370503001"), residence_region=region("370523001"))


@pytest.mark.urls(__name__)
def test_with_redis_stopped_a_case_is_accepted_at_once_and_its_sms_goes_out_once_redis_is_back(
        broker_app, private_redis, test_services, users, client):
    assert users["clerk"].has_perm("workflow.accept_case")
    client.force_login(users["clerk"])
    with running_fake_twilio() as twilio:
        private_redis.stop()

        started = time.monotonic()
        case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter",
                           person=_hekou_person())
        service_seconds = time.monotonic() - started
        started = time.monotonic()
        response = client.post("/accept/", {"person": _hekou_person().pk})
        request_seconds = time.monotonic() - started
        assert response.status_code == 201
        assert service_seconds < 0.5 and request_seconds < 0.5, (service_seconds, request_seconds)

        messages = list(OutboundMessage.objects.order_by("pk"))
        assert len(messages) == 2 and messages[0].case_id == case.pk
        # The send task never reached the broker: each message is left due for the dispatcher, unsent.
        assert all(m.status == Status.QUEUED and m.next_attempt_at <= timezone.now() for m in messages)
        assert twilio.sends == []

        private_redis.start()
        assert outbox_dispatch().queued == 2
        assert outbox_dispatch().queued == 0  # already on their way: not queued twice
        with start_worker(broker_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and OutboundMessage.objects.exclude(status=Status.SENT).exists():
                time.sleep(0.1)
            time.sleep(0.5)  # a duplicate, had there been one, would have gone by now
    statuses = set(OutboundMessage.objects.values_list("status", flat=True))
    assert statuses == {Status.SENT}
    assert sorted(r.form["Body"] for r in twilio.sends) == sorted(m.body for m in messages)
    assert len(twilio.sends) == 2
