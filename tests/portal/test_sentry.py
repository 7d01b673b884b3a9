"""Sentry: on only when SENTRY_DSN is set, and then without personal data (no body, cookies or query string)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sentry_sdk
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import path
from sentry_sdk.transport import Transport

from accounts.access import public
from portal import urls as portal_urls
from portal.observability.sentry import before_send, sentry_init


def _sentry_active_in_a_fresh_process(**env) -> str:
    code = ("import django; django.setup(); import sentry_sdk; c = sentry_sdk.get_client(); "
            "print(c.is_active(), c.options.get('send_default_pii'), sorted(c.integrations))")
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "PORTAL_TESTING": "1", **env}
    environment.pop("SENTRY_DSN", None) if "SENTRY_DSN" not in env else None
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True,
                          cwd=django_settings.BASE_DIR, timeout=120, check=True).stdout.strip()


def test_sentry_is_off_without_a_dsn():
    assert _sentry_active_in_a_fresh_process().startswith("False")


def test_sentry_is_on_with_a_dsn_and_sends_no_default_personal_data():
    out = _sentry_active_in_a_fresh_process(SENTRY_DSN="http://public@127.0.0.1:9/1")
    assert out.startswith("True False") and "'celery'" in out and "'django'" in out


@public
def _boom(request):
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", _boom), *portal_urls.urlpatterns]  # the 500 page links the portal's pages


class _Kept(Transport):
    """Keeps each event instead of sending it."""

    def __init__(self):
        super().__init__()
        self.events = []

    def capture_envelope(self, envelope):
        if (event := envelope.get_event()) is not None:
            self.events.append(event)


@pytest.fixture
def sentry_events():
    kept = _Kept()
    sentry_init(dsn="http://public@127.0.0.1:9/1", environment="test", transport=kept)
    yield kept.events
    sentry_sdk.get_global_scope().set_client(None)  # off again
    assert not sentry_sdk.get_client().is_active()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_an_error_report_carries_no_body_cookies_query_or_user_details(client, users, sentry_events):
    client.raise_request_exception = False
    client.force_login(users["clerk"])
    client.cookies["tracking"] = "370502199001011234"
    response = client.post("/boom/?id_number=370502199001011234", {"name": "欧阳小梅", "phone": "13912345678"},
                           headers={"X-Request-ID": "req-sentry-0001", "X-Phone": "13912345678"})
    assert response.status_code == 500
    sentry_sdk.flush(2)
    (event,) = [e for e in sentry_events if e.get("exception")]
    text = repr(event)
    for secret in ("370502199001011234", "欧阳小梅", "13912345678", "sessionid", "csrftoken", users["clerk"].username):
        assert secret not in text, secret
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["tags"]["request_id"] == "req-sentry-0001"
    request = event.get("request") or {}
    assert not {"data", "cookies", "query_string", "env"} & set(request)
    assert set(request.get("headers", {})) <= {"Content-Type", "Content-Length", "User-Agent", "X-Request-Id",
                                                "X-Request-ID", "Accept-Language"}


def test_before_send_strips_what_a_request_carries():
    event = {"request": {"url": "https://x/y", "method": "POST", "data": {"name": "欧阳小梅"}, "cookies": "a=b",
                         "query_string": "id=1", "env": {"REMOTE_ADDR": "1.2.3.4"},
                         "headers": {"Cookie": "a=b", "Authorization": "Bearer t", "User-Agent": "ua"}},
             "user": {"id": 7, "username": "370502199001011234", "email": "a@b"},
             "exception": {"values": [{"stacktrace": {"frames": [{"function": "f", "vars": {"p": "x"}}]}}]}}
    cleaned = before_send(event, {})
    assert cleaned["request"] == {"url": "https://x/y", "method": "POST", "headers": {"User-Agent": "ua"}}
    assert cleaned["user"] == {"id": 7}
    assert "vars" not in cleaned["exception"]["values"][0]["stacktrace"]["frames"][0]
