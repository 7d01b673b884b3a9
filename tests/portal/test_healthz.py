"""/healthz reports the database, the cache and the broker: 503 while Redis is down, 200 once it is back."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_is_ok_with_every_service_up(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and set(body["checks"]) == {"database", "cache", "broker"}
    assert "SECRET" not in response.content.decode().upper()


@pytest.mark.django_db
def test_healthz_answers_503_while_redis_is_stopped_and_200_when_it_is_back(client, private_redis):
    from django.conf import settings

    redis_cache = {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": private_redis.url,
                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    caches_setting = {**settings.CACHES, "default": redis_cache}
    with override_settings(CACHES=caches_setting, CELERY_BROKER_URL=private_redis.url):
        assert client.get(reverse("healthz")).status_code == 200
        private_redis.stop()
        started = time.monotonic()
        response = client.get(reverse("healthz"))
        assert response.status_code == 503
        assert response.json()["checks"] == {"database": "ok", "cache": "down", "broker": "down"}
        assert time.monotonic() - started < 5
        private_redis.start()
        assert client.get(reverse("healthz")).status_code == 200


