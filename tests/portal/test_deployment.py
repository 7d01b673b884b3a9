"""The production compose file validates, and the suite runs on PostgreSQL under CI."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import CI

ROOT = Path(__file__).resolve().parents[2]


def _compose_command() -> list[str] | None:
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_config_validates():
    command = _compose_command()
    if command is None:
        pytest.skip("needs the docker compose client (plugin or docker-compose)")
    env = dict(os.environ, SECRET_KEY="validate-only", POSTGRES_PASSWORD="validate-only")
    result = subprocess.run([*command, "config"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for service in ("web:", "worker:", "beat:", "db:", "redis:", "proxy:"):
        assert service in result.stdout
    assert "gunicorn" in result.stdout and "healthz" in result.stdout
    _check_the_proxy(yaml.safe_load(result.stdout)["services"])


def _check_the_proxy(services: dict) -> None:
    """Only the TLS proxy is published, from the one address the portal trusts; backups land on a volume."""
    proxy, web = services["proxy"], services["web"]
    assert proxy["image"].startswith("caddy:")
    assert not web.get("ports"), "web must be reached through the proxy only"
    assert web["environment"]["TRUSTED_PROXIES"] == proxy["networks"]["edge"]["ipv4_address"]
    assert any("/etc/caddy/Caddyfile" in str(volume) for volume in proxy["volumes"])
    assert any("/app/var/backups" in str(volume) for volume in services["worker"]["volumes"])


def test_the_caddyfile_terminates_tls_and_proxies_to_web():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "tls {$TLS_CERTIFICATE:internal}" in caddyfile
    assert "reverse_proxy {$PORTAL_UPSTREAM:web:8000}" in caddyfile


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql_under_ci():
    from django.db import connection

    if not CI:
        pytest.skip("only meaningful under CI=true")
    assert connection.vendor == "postgresql"
