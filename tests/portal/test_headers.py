"""Every response refuses the browser features the portal does not use (Permissions-Policy), and the web server
does not announce itself (no "Server: gunicorn")."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import require_chromium

ROOT = Path(__file__).resolve().parents[2]
DENIED = ("camera", "microphone", "geolocation", "payment", "usb")


def _features(header: str) -> dict[str, str]:
    return dict(item.strip().split("=", 1) for item in header.split(","))


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    reverse("portal:home"), reverse("accounts:login"), "/static/css/portal.css", "/no-such-page/", "/healthz",
])
def test_every_response_denies_the_unused_browser_features(client, path):
    response = client.get(path)
    features = _features(response["Permissions-Policy"])
    for feature in DENIED:
        assert features[feature] == "()", feature


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, deadline: float) -> http.client.HTTPResponse:
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """gunicorn started as the Procfile and the Dockerfile start it (`-c gunicorn.conf.py`), on a free port."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(PORTAL_TESTING="1", PORTAL_VAR_DIR=str(tmp_path_factory.mktemp("gunicorn")), PORT=str(port),
               WEB_CONCURRENCY="1")
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "portal.wsgi:application"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _get(port, "/static/css/portal.css", time.monotonic() + 30)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_with_the_projects_config_does_not_name_itself(gunicorn):
    for path in ("/static/css/portal.css", "/no-such-page/"):
        response = _get(gunicorn, path, time.monotonic() + 10)
        assert response.status in (200, 404)
        assert response.getheader("Server") is None, response.getheader("Server")
        assert "camera=()" in response.getheader("Permissions-Policy")


def test_chromium_understands_every_feature_of_the_policy(gunicorn):
    require_chromium()
    from tests.browser.support import start_chromium

    driver = start_chromium()
    try:
        driver.get(f"http://127.0.0.1:{gunicorn}/static/css/portal.css")
        errors = [e["message"] for e in driver.get_log("browser") if "Permissions-Policy" in e["message"]]
    finally:
        driver.quit()
    assert errors == []


def test_the_gunicorn_config_runs_threads_that_close_each_connection(monkeypatch):
    import os
    import runpy

    monkeypatch.delenv("WEB_THREADS", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    config = runpy.run_path("gunicorn.conf.py")
    assert config["threads"] == 4 and config["keepalive"] == 0
    assert config["workers"] == len(os.sched_getaffinity(0)) + 1
    monkeypatch.setenv("WEB_THREADS", "1")
    assert runpy.run_path("gunicorn.conf.py")["threads"] == 1  # sync workers
