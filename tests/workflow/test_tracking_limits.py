"""Tracking lookups are rate-limited per client address: 429 past the limit, and never a 500 when Redis is down."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import caches
from django.urls import reverse
from freezegun import freeze_time

from portal.cache import ResilientRedisCache
from tests.conftest import en
from tests.factories import PersonFactory, region
from workflow.services import case_accept
from workflow.views import tracking as tracking_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def code(test_services, users):
    person = PersonFactory(hukou_region=region("370503001"))
    return case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person).tracking_code


@pytest.fixture
def limit(settings):
    settings.TRACKING_RATE_LIMIT = "3/m"
    return 3


def lookup(client, code, ip="203.0.113.7"):
    return en(client).get(reverse("tracking:track-detail", kwargs={"code": code}), REMOTE_ADDR=ip)


def submit(client, code, ip="203.0.113.7"):
    return en(client).get(reverse("tracking:track"), {"code": code}, REMOTE_ADDR=ip)


def test_past_the_limit_a_client_gets_429_with_a_clear_message(client, code, limit):
    with freeze_time("2026-03-02 10:00:00"):  # one rate window for the whole test
        assert [lookup(client, code).status_code for _ in range(limit)] == [200] * limit
        refused = lookup(client, code)
        assert refused.status_code == 429
        assert "Too many requests" in refused.content.decode()
        assert "Please wait a minute and try again." in refused.content.decode()
        assert 0 < int(refused["Retry-After"]) <= 60
        # Unknown codes count too: enumeration costs the same as honest lookups.
        assert lookup(client, "ZZZZZZZZZZZZZZZZ").status_code == 429
        # Another address is not affected.
        assert lookup(client, code, ip="198.51.100.20").status_code == 200


def test_the_form_is_limited_too_but_showing_it_is_not(client, code, limit):
    with freeze_time("2026-03-02 10:00:00"):
        assert [submit(client, "ZZZZZZZZZZZZZZZZ").status_code for _ in range(limit)] == [404] * limit
        assert submit(client, code).status_code == 429
        assert client.get(reverse("tracking:track"), REMOTE_ADDR="203.0.113.7").status_code == 200


def test_the_limit_can_be_turned_off(client, code, settings):
    settings.TRACKING_RATE_LIMIT = "off"
    with freeze_time("2026-03-02 10:00:00"):
        assert {lookup(client, code).status_code for _ in range(40)} == {200}


def test_the_default_limit_is_thirty_a_minute(client, code):
    with freeze_time("2026-03-02 10:00:00"):
        assert {lookup(client, code).status_code for _ in range(30)} == {200}
        assert lookup(client, code).status_code == 429


@pytest.fixture
def redis_cache(settings, private_redis, monkeypatch):
    """The portal's Redis cache on a Redis of the test's own, which the test stops and starts."""
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": private_redis.url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    monkeypatch.setattr(tracking_views, "_last_logged", [0.0])
    assert isinstance(caches["default"], ResilientRedisCache)
    yield private_redis
    ResilientRedisCache._down_until = 0.0  # other tests' cache must not think Redis is down


def test_with_redis_down_lookups_go_through_and_the_fact_is_logged(client, code, limit, redis_cache, caplog):
    with freeze_time("2026-03-02 10:00:00"):
        assert [lookup(client, code).status_code for _ in range(limit + 1)] == [200] * limit + [429]
    redis_cache.stop()
    with caplog.at_level(logging.WARNING, logger="workflow.views.tracking"):
        started = time.monotonic()
        answers = [lookup(client, code).status_code for _ in range(limit + 3)]
        elapsed = time.monotonic() - started
    assert answers == [200] * (limit + 3)  # fails open: no 429 for everyone, no 500
    assert elapsed < 3  # the cache gives up on Redis after one short timeout, not on every request
    assert any("not rate-limited" in r.getMessage() for r in caplog.records)
    redis_cache.start()
    ResilientRedisCache._down_until = 0.0  # skip the cache's back-off: Redis is back
    with freeze_time("2026-03-02 10:05:00"):
        assert [lookup(client, code).status_code for _ in range(limit + 1)] == [200] * limit + [429]
