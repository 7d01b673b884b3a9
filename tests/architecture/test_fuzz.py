"""Fuzzing without a browser: as each demo role, every page the access tables list (with the ids of demo objects)
and the pages linked from them, with hostile values in every GET parameter they use (from their forms and the
query strings of their links) and in every field of every form they show. Never a 5xx; and a refused POST (4xx,
a form shown again with its errors, or back with an error message) has written nothing."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve

from tests.support.html import Form, query_names, read_page
from tests.support.site import ROLES, db_fingerprint, login, page_context, pages_for, public_views

pytestmark = pytest.mark.django_db

NUL = "\x00"
# What an attacker types (NUL is refused by one middleware whatever the field, so it gets a request of its own).
# "²³" are digits to str.isdigit() and not to int().
HOSTILE = ["x" * 10_000, "１２３４５", "-1", "' OR 1=1--", "../../etc/passwd", "<script>alert(1)</script>",
           "99999999999999999999", "²³"]
# Pages opened per role (the tables' pages first, then what they link to, one page per view), of which pages of the
# Django admin: bounds the time (about ten seconds a role).
MAX_PAGES = 36
MAX_ADMIN_PAGES = 10
# Requests per form or parameter set, each sending a different hostile value to each field: every value to each
# field of a small form (up to two fields: `next`, a note), a few mixed rows to a larger one.
VARIANTS = 3
SMALL = 2
# Written whatever the answer: sessions, login attempts and their audit, the API's request log.
UNCOUNTED = frozenset({"django_session", "axes_accessattempt", "axes_accessattemptexpiration",
                       "axes_accessfailurelog", "axes_accesslog", "portal_apirequestlog",
                       # A refused form that shows the person again is a read of their record: recorded as one.
                       "accounts_accesslogentry"})
# Actions with nothing to check, whose success would end the visit (log out) or remove demo data (admin deletes).
SKIPPED_VIEWS = ("accounts:logout", "kiosk:logout", "admin:logout", "admin:password_change")


def _skipped(view_name: str) -> bool:
    return view_name in SKIPPED_VIEWS or view_name.endswith(("_delete", "-delete"))


@dataclass
class Fuzzer:
    client: object
    role: str
    ctx: dict
    failures: list[str] = field(default_factory=list)
    seen_views: set[str] = field(default_factory=set)
    seen_forms: set[tuple] = field(default_factory=set)
    queries: dict[str, set[str]] = field(default_factory=dict)  # path -> parameter names seen in links
    fuzzed: dict[str, set[str]] = field(default_factory=dict)  # path -> parameter names sent hostile values
    requests: int = 0
    refusals: int = 0  # refused POSTs whose writes were checked
    public_views: frozenset[str] = frozenset()

    def run(self) -> None:
        # Public pages (the home page, tracking, the hall's screens and kiosks) are fuzzed once, anonymously.
        queue = pages_for(self.role, self.ctx, public=self.role == "anonymous")
        login(self.client, self.role, self.ctx)
        tables = set(queue)
        opened = admin = 0
        while queue and opened < MAX_PAGES:
            url = queue.pop(0)
            view = _view_name(url)
            if view is None or (url not in tables and view in self.seen_views):
                continue
            if view.startswith("admin:"):
                if admin == MAX_ADMIN_PAGES:
                    continue
                admin += 1
            self.seen_views.add(view)
            opened += 1
            self.visit(url, queue)
        # Parameters of a visited page found only in links of pages visited after it.
        for path, names in list(self.fuzzed.items()):
            self.fuzz_query(path, sorted(self.queries.get(path, set()) - names))

    def login(self) -> None:
        """Log in again if the last request logged out (a POST may), not before every request: it is slow."""
        if self.role != "anonymous" and "_auth_user_id" not in self.client.session:
            login(self.client, self.role, self.ctx)

    def visit(self, url: str, queue: list[str]) -> None:
        self.login()
        response = self.send("get", url)
        if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        page = read_page(url, response.content.decode())
        for link in page.links:
            view = _view_name(link)
            if (view is not None and view not in self.seen_views and not _skipped(view) and link not in queue
                    and (self.role == "anonymous" or view not in self.public_views)):
                queue.append(link)
            self.queries.setdefault(urlsplit(link).path, set()).update(query_names(link))
        names = set(self.queries.get(urlsplit(url).path, ()))
        for form in page.forms:
            if form.method == "get" and form.path == urlsplit(url).path:
                names.update(form.names)
        self.fuzz_query(urlsplit(url).path, sorted(names))
        for form in page.forms:
            self.fuzz_form(form)

    def fuzz_query(self, path: str, names: list[str]) -> None:
        self.fuzzed.setdefault(path, set()).update(names)
        if not names:
            return
        for variant in _variants(len(names)):
            self.send("get", f"{path}?{urlencode(dict(zip(names, variant, strict=True)))}")

    def fuzz_form(self, form: Form) -> None:
        view = _view_name(form.action)
        key = (form.method, view, tuple(form.names))
        if view is None or _skipped(view) or key in self.seen_forms or not form.names:
            return
        self.seen_forms.add(key)
        if form.method == "get":
            self.fuzz_query(form.path, form.names)
            return
        fuzzed = [f for f in form.fields if f.name and f.kind not in ("button", "submit", "image", "file")
                  and f.name != "csrfmiddlewaretoken"]
        files = [f.name for f in form.fields if f.kind == "file" and f.name]
        for variant in _variants(len(fuzzed)):
            data = form.defaults()
            data.update({f.name: [value] for f, value in zip(fuzzed, variant, strict=True)})
            for name in files:
                data[name] = SimpleUploadedFile("../../etc/passwd.pdf", b"<script>alert(1)</script>")
            self.login()
            before = db_fingerprint(exclude=UNCOUNTED)
            response = self.send("post", form.action, data)
            if response is not None and _refused(response):
                self.refusals += 1
                after = db_fingerprint(exclude=UNCOUNTED)
                changed = {t: (n, after[t]) for t, n in before.items() if after[t] != n}
                if changed:
                    self.failures.append(f"{self.role}: refused POST {form.action} {_short(data)} wrote {changed}")

    def send(self, method: str, url: str, data: dict | None = None):
        self.requests += 1
        try:
            call = getattr(self.client, method)
            response = call(url, data) if data is not None else call(url)
        except Exception as exc:  # the test client re-raises what the view raised: a 500 in production
            self.failures.append(f"{self.role}: {method.upper()} {url} {_short(data)} raised {exc!r}"[:600])
            return None
        if response.status_code >= 500:
            self.failures.append(f"{self.role}: {method.upper()} {url} {_short(data)} → {response.status_code}")
        return response


def _variants(count: int):
    """Rows of `count` hostile values, each field a different value in each row (all of them for a small form),
    then one all-NUL row."""
    rows = len(HOSTILE) if count <= SMALL else VARIANTS
    step = 1 if count <= SMALL else 3
    for offset in range(rows):
        yield [HOSTILE[(offset * step + j) % len(HOSTILE)] for j in range(count)]
    yield [NUL] * count


def _view_name(url: str) -> str | None:
    path = urlsplit(url).path
    if path.startswith(("/static/", "/media/")):
        return None
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    levels = {m.level_tag for m in getattr(response.wsgi_request, "_messages", [])}
    if "success" in levels:
        return False
    if "error" in levels:
        return True
    return response.status_code == 200 and ('class="errorlist' in response.content.decode(errors="replace")
                                            or 'aria-invalid="true"' in response.content.decode(errors="replace"))


def _short(data) -> str:
    if not data:
        return ""
    return str({k: (str(v)[:40] + "…" if len(str(v)) > 40 else v) for k, v in data.items()})


@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_never_give_a_5xx_and_a_refusal_writes_nothing(role, users, client, test_services):
    client.raise_request_exception = True
    fuzzer = Fuzzer(client=client, role=role, ctx=page_context(users), public_views=public_views())
    fuzzer.run()
    assert fuzzer.requests > 40 and fuzzer.refusals > 5, "the fuzzing reached almost nothing: is the role logged in?"
    assert not fuzzer.failures, "\n".join(itertools.islice(fuzzer.failures, 40))
