"""Production settings pass `check --deploy`, and every page carries a nonce-based Content-Security-Policy."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "PORTAL_TESTING"}}
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="hrss.example.org",
               PORTAL_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "PORTAL_TESTING", "SECRET_KEY"}}
    env.update(DEBUG="0", ALLOWED_HOSTS="hrss.example.org", PORTAL_VAR_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["portal:home", "accounts:login"])
def test_pages_carry_a_nonce_csp_without_unsafe_inline_scripts(client, url_name):
    response = client.get(reverse(url_name))
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    nonce = re.search(r"'nonce-([^']+)'", script_src).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_staff_pages_carry_the_csp_too(client, users):
    client.force_login(users["clerk"])
    response = client.get(reverse("accounts:staff-home"))
    assert "'nonce-" in response["Content-Security-Policy"]


def test_no_page_loads_anything_from_another_host():
    """No CDN: templates reference only local static files."""
    offenders = []
    for template in (ROOT / "templates").glob("**/*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r"""(src|href)=["'](https?:)?//""", text):
            offenders.append(str(template.relative_to(ROOT)))
    assert not offenders
