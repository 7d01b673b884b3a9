"""The client's address behind the reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from
TRUSTED_PROXIES, so rate limits count real clients and HTTPS redirects neither loop nor can be talked out of."""

from __future__ import annotations

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.network import client_ip
from tests.conftest import en
from tests.factories import PersonFactory, region
from workflow.services import case_accept

PROXY = "172.30.250.10"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.8.0.0/16"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return settings


def meta(remote: str, forwarded: str | None = None) -> dict:
    found = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        found["HTTP_X_FORWARDED_FOR"] = forwarded
    return found


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(meta("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_from_the_proxy_the_client_is_the_address_it_appended(behind_proxy):
    assert client_ip(meta(PROXY, "203.0.113.7")) == "203.0.113.7"
    # A client that sends its own header: the proxy appends the real address, which is the one taken.
    assert client_ip(meta(PROXY, "198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    # Through two trusted proxies (a load balancer in 10.8/16, then Caddy).
    assert client_ip(meta(PROXY, "203.0.113.7, 10.8.3.4")) == "203.0.113.7"
    assert client_ip(meta(PROXY, "2001:db8::7")) == "2001:db8::7"
    assert client_ip(meta(PROXY, "[2001:db8::7]:4711")) == "2001:db8::7"
    assert client_ip(meta(PROXY, "203.0.113.7:4711")) == "203.0.113.7"


def test_garbage_or_nothing_from_the_proxy_falls_back_to_the_proxy(behind_proxy):
    assert client_ip(meta(PROXY)) == PROXY
    assert client_ip(meta(PROXY, "not-an-address")) == PROXY
    assert client_ip(meta(PROXY, "203.0.113.7, bogus")) == PROXY
    # Only trusted hops: none of them is the client.
    assert client_ip(meta(PROXY, "10.8.0.1")) == PROXY


def test_a_client_next_to_the_proxy_is_not_a_proxy(behind_proxy):
    assert client_ip(meta("172.30.250.11", "203.0.113.7")) == "172.30.250.11"


@pytest.fixture
def code(test_services, users):
    person = PersonFactory(hukou_region=region("370503001"))
    return case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person).tracking_code


def _lookup(client, code, **headers):
    return en(client).get(reverse("tracking:track-detail", kwargs={"code": code}), **headers)


@pytest.mark.django_db
def test_the_tracking_limit_counts_real_clients_through_the_proxy(client, code, behind_proxy):
    behind_proxy.TRACKING_RATE_LIMIT = "3/m"
    with freeze_time("2026-03-02 10:00:00"):
        first = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
        assert [_lookup(client, code, **first).status_code for _ in range(3)] == [200] * 3
        assert _lookup(client, code, **first).status_code == 429
        # Another client through the same proxy is not affected, whatever it claims on the left.
        other = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.20"}
        assert _lookup(client, code, **other).status_code == 200
        # The first client cannot escape by sending a header of its own: the proxy appends its real address.
        spoofed = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.99, 203.0.113.7"}
        assert _lookup(client, code, **spoofed).status_code == 429


@pytest.mark.django_db
def test_without_a_proxy_a_made_up_header_does_not_reset_the_limit(client, code, settings):
    settings.TRUSTED_PROXIES = []
    settings.TRACKING_RATE_LIMIT = "3/m"
    with freeze_time("2026-03-02 10:00:00"):
        statuses = [_lookup(client, code, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
                    for n in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_https_redirect_trusts_the_proxy_only_and_does_not_loop(client, behind_proxy):
    behind_proxy.SECURE_SSL_REDIRECT = True
    behind_proxy.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # as in production settings
    home = reverse("portal:home")
    # The proxy terminated TLS and says so: the page, no redirect (no loop).
    response = client.get(home, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7",
                          HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    # Plain HTTP reached the proxy (or it forwarded http): redirected to HTTPS.
    response = client.get(home, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    # Anyone else claiming HTTPS in a header is not believed.
    response = client.get(home, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    # /healthz stays reachable over plain HTTP inside the network (the container's health check).
    assert client.get("/healthz", REMOTE_ADDR="127.0.0.1").status_code in (200, 503)
