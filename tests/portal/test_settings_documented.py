"""Every environment variable the code (or the compose stack) reads is documented in README's settings tables."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = ["accounts", "workflow", "insurance", "labour", "employment", "counter", "portal"]
# os.environ.get("X"), os.environ["X"], os.getenv("X"), the settings' env_bool("X") / env_list("X") / env_int("X")
# and any other env_* helper, dj_database_url's env="X".
READS = [
    re.compile(r"""\b(?:os\.environ\.get|os\.getenv|environ\.get|env_\w+|env)\(\s*["']([A-Z][A-Z0-9_]*)["']"""),
    re.compile(r"""\bos\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""),
    re.compile(r"""\benv\s*=\s*["']([A-Z][A-Z0-9_]*)["']"""),
]
COMPOSE_READS = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")
CADDY_READS = re.compile(r"\{\$([A-Z][A-Z0-9_]*)")
# Set by Python or Django for the process, not by an operator.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def variables_read() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    files = [path for package in CODE for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts]
    files += [ROOT / "gunicorn.conf.py", ROOT / "manage.py"]
    for path in files:
        text = path.read_text()
        for pattern in READS:
            for name in pattern.findall(text):
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    for path, pattern in ((ROOT / "docker-compose.yml", COMPOSE_READS), (ROOT / "deploy" / "Caddyfile", CADDY_READS)):
        for name in pattern.findall(path.read_text()):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return {name: paths for name, paths in found.items() if name not in NOT_SETTINGS}


def documented() -> set[str]:
    """The first cell of every row of README's settings tables: | `NAME` | or | `A` / `B` |."""
    readme = (ROOT / "README.md").read_text()
    names = set()
    for line in readme.splitlines():
        if match := re.match(r"^\|\s*((?:`[A-Z][A-Z0-9_]*`\s*/?\s*)+)\|", line):
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", match.group(1)))
    return names


def test_the_scan_finds_what_the_settings_read():
    read = variables_read()
    for name in ("SECRET_KEY", "DATABASE_URL", "DEBUG", "ALLOWED_HOSTS", "TRACKING_RATE_LIMIT", "WEB_CONCURRENCY",
                 "POSTGRES_PASSWORD", "TLS_CERTIFICATE"):
        assert name in read, name


def test_every_environment_variable_is_documented_in_readme():
    missing = {name: sorted(paths) for name, paths in variables_read().items() if name not in documented()}
    assert not missing, (
        "Environment variables read but not documented in README's settings tables "
        f"(add a row: | `NAME` | default | meaning |): {missing}")
