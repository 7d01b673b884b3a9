"""The production proxy as written: Caddy with deploy/Caddyfile in front of the portal, on this machine.

Caddy (Debian's package; .ci/run installs it) runs the repository's Caddyfile unchanged, imported under a global
block that only moves its ports off 80/443 and its storage into a temporary folder. It terminates TLS with its
local authority, redirects HTTP to HTTPS, and forwards to the portal (the live test server) as it forwards to
gunicorn in compose (the portal runs in a server thread of the test, with production's HTTPS settings). The portal
trusts the proxy's address only (TRUSTED_PROXIES): it believes HTTPS, and a client cannot choose its rate-limit
key by sending its own X-Forwarded-For.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler as _StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread

from tests.conftest import CI

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def portal_server(settings):
    """The portal served over HTTP on a free port, as gunicorn serves it in compose, with production's proxy and
    HTTPS settings (set before the server builds its middleware, which reads some of them once)."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    shared = {conn.alias: conn for conn in connections.all()
              if conn.vendor == "sqlite" and conn.is_in_memory_db()}
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = LiveServerThread("127.0.0.1", _StaticFilesHandler, connections_override=shared, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield f"127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()


@pytest.fixture
def proxy(portal_server, tmp_path):
    """Caddy on free ports in front of the portal; yields (https port, http port, CA file)."""
    caddy = shutil.which("caddy")
    if caddy is None:
        if CI:
            pytest.fail("caddy is missing (.ci/run installs Debian's caddy)")
        pytest.skip("needs Debian's caddy (apt-get install caddy)")
    https_port, http_port = _free_port(), _free_port()
    config = tmp_path / "Caddyfile"
    config.write_text(
        "{\n"
        f"\thttp_port {http_port}\n\thttps_port {https_port}\n\tadmin off\n\tskip_install_trust\n"
        f"\tstorage file_system {tmp_path / 'data'}\n"
        "}\n"
        f"import {ROOT / 'deploy' / 'Caddyfile'}\n")
    upstream = portal_server
    env = dict(os.environ, SITE_ADDRESS="localhost", TLS_CERTIFICATE="internal", PORTAL_UPSTREAM=upstream,
               HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    process = subprocess.Popen([caddy, "run", "--config", str(config), "--adapter", "caddyfile"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ca_file = tmp_path / "data" / "pki" / "authorities" / "local" / "root.crt"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"caddy stopped: {process.stderr.read()[-2000:]}")
            if ca_file.exists() and _answers(https_port, ca_file):
                break
            time.sleep(0.2)
        else:
            pytest.fail("caddy did not serve HTTPS within 30 s")
        yield https_port, http_port, ca_file
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _answers(port: int, ca_file: Path) -> bool:
    try:
        status, _headers, _body = _get_https(port, ca_file, "/healthz")
    except (OSError, ssl.SSLError, http.client.HTTPException):
        return False
    return status == 200


def _get_https(port: int, ca_file: Path, path: str, headers: dict | None = None):
    context = ssl.create_default_context(cafile=str(ca_file))
    connection = http.client.HTTPSConnection("localhost", port, context=context, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_the_proxy_serves_https_with_its_local_authority_and_redirects_http(proxy):
    https_port, http_port, ca_file = proxy
    status, _headers, body = _get_https(https_port, ca_file, "/healthz")
    assert status == 200 and b'"status": "ok"' in body.replace(b'":"', b'": "')
    connection = http.client.HTTPConnection("localhost", http_port, timeout=10)
    connection.request("GET", "/track/")
    response = connection.getresponse()
    assert response.status in (301, 302, 307, 308)
    # To HTTPS on the same host and path (Caddy names the port only when it is not 443; compose publishes 443).
    location = response.getheader("Location")
    assert location.startswith("https://localhost") and location.endswith("/track/"), location


def test_behind_the_proxy_the_portal_believes_https_and_not_the_clients_forwarding_headers(proxy, settings,
                                                                                          portal_server):
    https_port, _http_port, ca_file = proxy
    settings.TRACKING_RATE_LIMIT = "3/m"
    # Straight to the portal (plain HTTP, no proxy header), it sends the browser to HTTPS ...
    direct = http.client.HTTPConnection(portal_server, timeout=10)
    direct.request("GET", "/track/", headers={"Host": "localhost"})
    response = direct.getresponse()
    assert response.status == 301 and response.getheader("Location") == "https://localhost/track/"
    direct.close()
    # ... through the proxy it knows the request came over HTTPS: the page itself, with HSTS (sent only then).
    status, headers, _body = _get_https(https_port, ca_file, "/track/")
    assert status == 200, headers
    assert headers.get("Strict-Transport-Security", "").startswith("max-age=3600")
    # A client inventing a new X-Forwarded-For each time is still one client: the proxy replaces the header with
    # the address it saw, and the fourth lookup in a minute is refused.
    statuses = [_get_https(https_port, ca_file, "/track/?code=NOSUCHCODE1",
                           headers={"X-Forwarded-For": f"203.0.113.{n}"})[0] for n in range(1, 6)]
    assert statuses[:3] == [404, 404, 404] and statuses[3:] == [429, 429], statuses
