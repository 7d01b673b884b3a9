"""A declaration day at the portal, for locust (run headless by benchmarks/load/run.py, against 127.0.0.1 only).

Who comes, and how many of each (locust's `weight`): residents signing in to read their records and fetch a
statement, the public looking up a case by its tracking code (mostly codes nobody looked up before), employers
declaring a month by uploading a wage list, hall clerks calling tickets and accepting business, back-office
reviewers working their workbench. Each simulated user logs in once (the login is its own request kind, "login
...", in the figures), then works until the step ends.

The identities come from the file `run.py prepare` writes (LOAD_IDENTITIES): load-test accounts with one known
password, staff with an authenticator key, so that the second factor is typed like a person would (TOTP from the
key, RFC 6238, as django_otp computes it). This file does not import Django: it only speaks HTTP.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import random
import re
import time
from datetime import date
from urllib.parse import urlsplit

from django_otp.oath import totp  # pure RFC 6238 (no settings needed)
from locust import HttpUser, between, events, task

IDENTITIES_PATH = os.environ.get("LOAD_IDENTITIES", "var/load/identities.json")
CASE_LINK = re.compile(r'href="/cases/([A-Za-z0-9-]+)/"')
SERVICE_LINK = re.compile(r'href="(/hall/desk/person/\d+/[a-z0-9_.-]+/)"')
STATEMENT_YEAR = re.compile(r'<option value="(\d{4})"')
DECLARATION_ID = re.compile(r"/employer/declarations/(\d+)/")

_identities: dict | None = None
_next: dict[str, itertools.count] = {}


def identities() -> dict:
    global _identities
    if _identities is None:
        with open(IDENTITIES_PATH, encoding="utf-8") as handle:
            _identities = json.load(handle)
    return _identities


def take(kind: str):
    """The next identity of a kind: each simulated user its own login (wrapping round when there are fewer)."""
    pool = identities()[kind]
    counter = _next.setdefault(kind, itertools.count())
    return pool[next(counter) % len(pool)]


@events.test_start.add_listener
def _check_target(environment, **_kwargs):
    host = urlsplit(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"benchmarks/load runs against this machine only, not {host!r}")


_times: dict[str, list] = {"login": [], "page": [], "login_ends": [], "page_starts": []}


@events.request.add_listener
def _record(name, response_time, exception, **_kwargs):
    """Response times of logins and of pages, apart: run.py reports each part's percentiles (locust's own CSV has
    them per request kind and for all requests together). With when each page began and each login ended, so that
    run.py can also report the steady state: the pages requested after the step's last login."""
    now = time.time()
    if name.startswith("login"):
        _times["login"].append(response_time)
        _times["login_ends"].append(now)
    else:
        _times["page"].append(response_time)
        _times["page_starts"].append(now - response_time / 1000)


@events.quitting.add_listener
def _write_times(environment, **_kwargs):
    path = os.environ.get("LOAD_TIMES")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(_times, handle)


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 4)

    def on_start(self):
        self.login()

    def login(self):
        pass

    # --- helpers -------------------------------------------------------------------------------------------------
    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post(self, path: str, data=None, *, name: str, files=None, **kwargs):
        headers = {"X-CSRFToken": self.csrf(), "Referer": self.host + path}
        return self.client.post(path, data=data or {}, files=files, headers=headers, name=name, **kwargs)

    def password_login(self, username: str, password: str, *, name: str):
        self.client.get("/accounts/login/", name="login page")
        with self.post("/accounts/login/", {"username": username, "password": password}, name=name,
                       catch_response=True) as response:
            if "/accounts/login/" in (response.url or ""):
                response.failure("login refused")
            return response


class Resident(PortalUser):
    """Signs in (a password: residents have no second factor), reads the records, asks for a statement."""

    weight = 30

    def login(self):
        self.username = take("residents")
        self.password_login(self.username, identities()["password"], name="login resident")
        self.years = []

    @task(4)
    def home(self):
        self.client.get("/me/", name="resident home")

    @task(4)
    def records(self):
        self.client.get("/me/records/", name="resident records")

    @task(2)
    def cases(self):
        self.client.get("/me/cases/", name="resident cases")

    @task(1)
    def statement(self):
        page = self.client.get("/me/statement/", name="resident statement form")
        years = STATEMENT_YEAR.findall(page.text or "")
        if years:
            # The statement is issued (an online case) and the PDF follows the redirect.
            self.post("/me/statement/", {"year": years[0]}, name="resident statement issue+download")


class Tracker(PortalUser):
    """The public: a tracking code from a receipt or an SMS, looked up once (no login)."""

    weight = 30
    wait_time = between(1, 6)

    @task(9)
    def first_view(self):
        code = take("tracking_codes")
        self.client.get(f"/track/{code}/", name="track first view")

    @task(1)
    def search_page(self):
        self.client.get("/track/", name="track form")


def wage_list_xlsx(csv_text: str, month: date) -> bytes:
    """The wage list the portal offered (its CSV template), as the spreadsheet an employer uploads, with this
    month's wages moved a little (a real month's change)."""
    from openpyxl import Workbook

    rng = random.Random(month.toordinal())
    book = Workbook(write_only=True)
    sheet = book.create_sheet("工资")
    lines = [line.split(",") for line in csv_text.lstrip("\ufeff").splitlines() if line.strip()]
    if lines:
        sheet.append(lines[0])
    for cells in lines[1:]:
        if len(cells) < 3:
            continue
        wage = float(cells[2] or 5000) * rng.choice((1, 1, 1, 1.03))
        sheet.append([cells[0], cells[1], round(wage, 2)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Employer(PortalUser):
    """An employer's clerk declares this month: the wage list (the portal's template) uploaded as XLSX, then
    confirmed; between declarations, the lists of employees and declarations."""

    weight = 20
    wait_time = between(3, 10)

    def login(self):
        who = take("employers")
        self.username, self.size = who["username"], who["size"]
        self.password_login(self.username, identities()["password"], name="login employer")

    @task(3)
    def home(self):
        self.client.get("/employer/", name="employer home")

    @task(2)
    def declarations(self):
        self.client.get("/employer/declarations/", name="employer declarations")

    @task(1)
    def employees(self):
        self.client.get("/employer/employees/", name="employer employees")

    @task(2)
    def declare_month(self):
        month = date.today().replace(day=1)
        kind = "small" if self.size < 200 else "large"
        template = self.client.get("/employer/declarations/wage-list.csv", name=f"employer wage list csv ({kind})")
        if not template.text:
            return
        content = wage_list_xlsx(template.text, month)
        upload = self.post("/employer/declarations/upload/", {"month": month.strftime("%Y-%m")},
                           files={"file": ("wages.xlsx", content,
                                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")},
                           name=f"employer upload xlsx ({kind})")
        found = DECLARATION_ID.search(upload.url or "")
        if found:
            self.post(f"/employer/declarations/{found.group(1)}/confirm/", name=f"employer confirm ({kind})")


class StaffUser(PortalUser):
    abstract = True

    def staff_login(self, kind: str):
        who = take(kind)
        self.username, self.key = who["username"], bytes.fromhex(who["key"])
        self.who = who
        label = "clerk" if kind == "clerks" else "reviewer"
        self.password_login(self.username, identities()["password"], name=f"login {label} password")
        code = f"{totp(self.key):06d}"
        with self.post("/accounts/two-factor/", {"code": code}, name=f"login {label} second factor",
                       catch_response=True) as response:
            if "/accounts/two-factor/" in (response.url or ""):
                # A code at the edge of its 30 seconds: the next one, as a person would type.
                time.sleep(1)
                response.failure("second factor refused")


class Clerk(StaffUser):
    """A hall window: signs in at the window, calls the next ticket, identifies the person, accepts business."""

    weight = 10
    wait_time = between(2, 6)

    def login(self):
        self.staff_login("clerks")
        self.post("/hall/window/open/", {"window": self.who["window"]}, name="clerk window open")

    @task(3)
    def desk(self):
        self.client.get("/hall/", name="clerk desk")

    @task(2)
    def call_next(self):
        self.post("/hall/call/", {"finish": "1"}, name="clerk call next")

    @task(3)
    def identify_and_accept(self):
        number = random.choice(identities()["person_numbers"])
        page = self.post("/hall/identify/", {"number": number}, name="clerk identify")
        services = identities()["desk_services"]
        links = [link for link in SERVICE_LINK.findall(page.text or "")
                 if link.rstrip("/").rsplit("/", 1)[-1] in services]
        if not links:
            return
        link = random.choice(links)
        code = link.rstrip("/").rsplit("/", 1)[-1]
        self.client.get(link, name="clerk service form")
        self.post(link, {"action": "accept", "d-materials": services[code]}, name="clerk accept")


class Reviewer(StaffUser):
    """A back office: the workbench, a case opened, claimed and decided."""

    weight = 10
    wait_time = between(2, 8)

    def login(self):
        self.staff_login("reviewers")

    @task(3)
    def workbench(self):
        self.client.get("/cases/", name="reviewer workbench")

    @task(2)
    def decide(self):
        page = self.client.get("/cases/", name="reviewer workbench")
        numbers = CASE_LINK.findall(page.text or "")
        if not numbers:
            return
        number = random.choice(numbers[:20])
        self.client.get(f"/cases/{number}/", name="reviewer case")
        self.post(f"/cases/{number}/claim/", name="reviewer claim")
        if random.random() < 0.8:
            self.post(f"/cases/{number}/approve/", {"note": "load test"}, name="reviewer approve")
        else:
            self.post(f"/cases/{number}/reject/", {"reason": "load test"}, name="reviewer reject")
