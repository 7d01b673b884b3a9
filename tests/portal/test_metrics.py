"""/metrics: the business gauges to Prometheus' bearer token, 403 to anyone else, in a fixed number of queries."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from portal.health import HEARTBEAT_KEY
from tests.factories import PersonFactory, region
from workflow.models import OutboundMessage
from workflow.rules.calendar import SHANGHAI
from workflow.services import case_accept

pytestmark = pytest.mark.django_db
TOKEN = "s3cret-metrics-token-0123456789"


@pytest.fixture(autouse=True)
def token(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client, token=TOKEN):
    response = client.get(reverse("metrics"), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def value(text: str, name: str, **labels) -> float:
    label_text = ",".join(f'{key}="{val}"' for key, val in labels.items())
    pattern = re.escape(name + (f"{{{label_text}}}" if labels else "")) + r" (\S+)"
    match = re.search(r"^" + pattern + r"$", text, re.MULTILINE)
    assert match, f"{name}{labels} not in the scrape"
    return float(match.group(1))


def accept(users, *, at: datetime, hukou: str = "370503001", n: int = 1):
    person = PersonFactory(hukou_region=region(hukou))
    with freeze_time(at):
        return [case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
                for _ in range(n)]


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer ", "Bearer wrong-token", f"Basic {TOKEN}",
                                    f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", TOKEN])
def test_without_the_right_token_the_answer_is_403(client, header):
    response = client.get(reverse("metrics"), headers={"Authorization": header} if header else {})
    assert response.status_code == 403
    assert b"portal_" not in response.content


def test_with_no_token_configured_nobody_gets_metrics(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get(reverse("metrics"), headers={"Authorization": "Bearer "}).status_code == 403
    assert client.get(reverse("metrics")).status_code == 403


def test_a_logged_in_administrator_without_the_token_gets_403(client, users):
    client.force_login(users["admin"])
    assert client.get(reverse("metrics")).status_code == 403


def test_only_get(client):
    response = client.post(reverse("metrics"), headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 405


def test_the_business_gauges(client, users, test_services):
    now = timezone.now()
    accept(users, at=now - timedelta(days=400), n=2)  # 河口区: two overdue
    accept(users, at=now, hukou="370502001")  # 东营区: one in time
    OutboundMessage.objects.all().delete()  # the acceptance SMS: the outbox figures are set below
    OutboundMessage.objects.create(key="t:1", phone="13800000001", body="a")
    oldest = OutboundMessage.objects.create(key="t:2", phone="13800000002", body="b")
    OutboundMessage.objects.filter(pk=oldest.pk).update(created_at=now - timedelta(minutes=30))
    OutboundMessage.objects.create(key="t:3", phone="13800000003", body="c", status="sent")
    ticked = datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
    cache.set(HEARTBEAT_KEY, ticked.isoformat(), 60)

    text = scrape(client)
    assert value(text, "portal_cases_open", office="BACK-370503") == 2
    assert value(text, "portal_cases_overdue", office="BACK-370503") == 2
    assert value(text, "portal_cases_open", office="BACK-370502") == 1
    assert value(text, "portal_cases_overdue", office="BACK-370502") == 0
    assert value(text, "portal_cases_open", office="BACK-370505") == 0  # a back office with nothing is still there
    assert value(text, "portal_outbox_backlog") == 2
    assert 30 * 60 <= value(text, "portal_outbox_oldest_unsent_seconds") < 31 * 60
    assert value(text, "portal_beat_last_tick_timestamp_seconds") == ticked.timestamp()
    assert "# TYPE portal_celery_queue_length gauge" in text  # its figures: the broker tests below
    assert "process_cpu_seconds_total" in text or "python_info" in text
    assert "portal_http_requests_total" in text


def test_the_gauges_take_the_same_number_of_queries_whatever_the_data(client, users, test_services):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            scrape(client)
        return len(captured)

    before = queries()
    now = timezone.now()
    accept(users, at=now - timedelta(days=400), n=3)
    accept(users, at=now, hukou="370502001", n=2)
    accept(users, at=now, hukou="370523001", n=2)
    for i in range(5):
        OutboundMessage.objects.create(key=f"q:{i}", phone="13800000001", body="x")
    assert queries() == before == 3  # offices, cases, outbox


def test_nothing_seen_reads_zero(client):
    cache.delete(HEARTBEAT_KEY)
    OutboundMessage.objects.filter(status__in=["queued", "sending"]).delete()
    text = scrape(client)
    assert value(text, "portal_beat_last_tick_timestamp_seconds") == 0
    assert value(text, "portal_outbox_backlog") == 0 and value(text, "portal_outbox_oldest_unsent_seconds") == 0


def test_the_queue_length_of_the_filesystem_broker_counts_its_waiting_files(client, settings, tmp_path):
    for name in ("1_a.celery.msg", "2_b.celery.msg", "3_c.other.msg"):
        (tmp_path / name).write_bytes(b"{}")
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path)}
    assert value(scrape(client), "portal_celery_queue_length", queue="celery") == 2


def test_the_queue_length_of_the_redis_broker_is_the_lists_length(client, settings, private_redis):
    import redis

    server = redis.Redis.from_url(private_redis.url)
    server.rpush("celery", "m1", "m2", "m3")
    settings.CELERY_BROKER_URL = private_redis.url
    assert value(scrape(client), "portal_celery_queue_length", queue="celery") == 3
    private_redis.stop()  # an unreachable broker is said, not a 500
    assert value(scrape(client), "portal_celery_queue_length", queue="celery") == -1


def test_the_heartbeat_task_records_the_tick(client):
    from portal.tasks import heartbeat

    cache.delete(HEARTBEAT_KEY)
    heartbeat.delay()
    assert abs(value(scrape(client), "portal_beat_last_tick_timestamp_seconds") - timezone.now().timestamp()) < 60
