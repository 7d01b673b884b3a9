"""The load-test logins and the identities file a load run needs (`run.py prepare`; benchmarks/load/README.md).

Made once on a load-test database (a second prepare adds only what is missing), all marked as load-test logins.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VAR = ROOT / "var" / "load"
IDENTITIES = VAR / "identities.json"
SETTINGS = "benchmarks.load.settings"
# Load-test logins: user names start with this, and every one carries this e-mail address (residents' user names
# are their identity numbers), so that anyone reading the users list can tell them apart.
PREFIX = "load-"
MARK_EMAIL = "load-test@load.invalid"
PASSWORD = "Load-Test@2026"
# Shares of the users (the locustfile's weights): residents, tracking, employers, clerks, reviewers.
WEIGHTS = {"residents": 30, "tracking": 30, "employers": 20, "clerks": 10, "reviewers": 10}


def load_totp_key(username: str) -> str:
    """A load-test account's authenticator key: derived from its name, public like the demo's (only for the
    load-test accounts this script makes, on a load-test database)."""
    return hashlib.sha256(f"dongying-hrss-load-test-totp:{username}".encode()).hexdigest()[:40]


def base_env() -> dict:
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "load-test-" + secrets.token_hex(24))
    env.update({
        "DJANGO_SETTINGS_MODULE": SETTINGS, "DEBUG": "0", "PORTAL_TESTING": "0", "TRACKING_RATE_LIMIT": "off",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT), "LOG_LEVEL": env.get("LOG_LEVEL", "WARNING"),
    })
    return env


def needed(max_users: int, kind: str) -> int:
    return math.ceil(max_users * WEIGHTS[kind] / sum(WEIGHTS.values()) * 1.2) + 2


def prepare(max_users: int, *, enlarge: bool) -> dict:
    """The accounts a run needs (made once; a second prepare adds only what is missing) and the identities file
    the locust process reads."""
    os.environ.update({k: v for k, v in base_env().items() if k not in os.environ or k == "DJANGO_SETTINGS_MODULE"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.db.models import Count
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Employer, Office, Person, User
    from accounts.roles import Role
    from accounts.services import employer_user_create, resident_user_create, staff_user_create
    from accounts.twofactor import TOTP_NAME
    from counter.models import Ticket, Window
    from counter.selectors.desk import counter_catalogue
    from counter.services.tickets import ticket_issue
    from counter.services.windows import windows_ensure
    from insurance.models import Enrolment

    started = time.perf_counter()
    encoded = make_password(PASSWORD)  # hashed once, with the portal's first hasher, for every load-test login
    now = timezone.now()
    rng = random.Random(13)
    halls = list(Office.objects.filter(kind=Office.Kind.HALL).order_by("code"))
    backs = list(Office.objects.filter(kind=Office.Kind.BACK_OFFICE).order_by("code"))

    def staff(kind: str, offices, role) -> list[dict]:
        rows = []
        for i in range(needed(max_users, kind)):
            username = f"{PREFIX}{kind[:-1]}-{i:04d}"
            user = User.objects.filter(username=username).first()
            office = offices[i % len(offices)]
            if user is None:
                user = staff_user_create(username=username, password=secrets.token_hex(16), office=office,
                                         staff_number=f"LOAD{kind[0].upper()}{i:05d}", roles=(role,),
                                         last_name=f"压测{i}")
            key = load_totp_key(username)
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None or device.key != key:
                TOTPDevice.objects.filter(user=user).delete()
                device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True, key=key)
            rows.append({"username": username, "key": key, "office": office.pk, "user": user.pk})
        return rows

    with transaction.atomic():
        clerks = staff("clerks", halls, Role.CLERK)
        reviewers = staff("reviewers", backs, Role.REVIEWER)
        # A window each, free at the start, and a queue of today's tickets in every hall.
        Window.objects.filter(clerk__username__startswith=PREFIX).update(clerk=None, opened_at=None)
        for hall in halls:
            mine = [c for c in clerks if c["office"] == hall.pk]
            windows = windows_ensure(hall=hall, count=len(mine) + 2)
            taken = set(Window.objects.filter(hall=hall, clerk__isnull=False).values_list("pk", flat=True))
            free = [w for w in windows if w.pk not in taken]
            for clerk, window in zip(mine, free, strict=False):
                clerk["window"] = window.pk
            waiting = Ticket.objects.filter(hall=hall, status=Ticket.Status.WAITING,
                                            issued_at__date=timezone.localdate()).count()
            for _ in range(max(0, 40 * len(mine) - waiting)):
                ticket_issue(hall=hall)
        clerks = [c for c in clerks if "window" in c]

        # Employers with insured employees (sizes as they come: 10 to 2,000 when the data has them).
        sized = list(Enrolment.objects.filter(ended_on__isnull=True, employer__isnull=False)
                     .values("employer").annotate(n=Count("person", distinct=True))
                     .filter(n__gte=10, n__lte=2000).order_by("-n").values_list("employer", "n")[:5000])
        if enlarge and len(sized) < needed(max_users, "employers"):
            sized += enlarge_employers(needed(max_users, "employers") - len(sized), rng, exclude={e for e, _ in sized})
        rng.shuffle(sized)
        employers = []
        for i, (employer_id, size) in enumerate(sized[:needed(max_users, "employers")]):
            username = f"{PREFIX}employer-{employer_id}"
            if not User.objects.filter(username=username).exists():
                employer_user_create(actor=None, employer=Employer.objects.get(pk=employer_id), username=username,
                                     password=secrets.token_hex(16), is_admin=True, name=f"压测单位{i}")
            employers.append({"username": username, "size": size})

        # Residents: persons of the registry, a login each (user name = identity number, marked by the e-mail).
        residents = list(User.objects.filter(kind=User.Kind.RESIDENT, email=MARK_EMAIL)
                         .values_list("username", flat=True)[:needed(max_users, "residents")])
        if len(residents) < needed(max_users, "residents"):
            for person in (Person.objects.filter(login__isnull=True, date_of_death__isnull=True)
                           .order_by("?")[:needed(max_users, "residents") - len(residents)]):
                user = resident_user_create(person=person, password=secrets.token_hex(16))
                residents.append(user.username)

        # One password for every load-test login, fresh (no forced change), nobody locked out.
        marked = User.objects.filter(username__startswith=PREFIX) | User.objects.filter(username__in=residents)
        marked.update(password=encoded, password_changed_at=now, email=MARK_EMAIL, is_active=True)
        TOTPDevice.objects.filter(user__username__startswith=PREFIX).update(last_t=-1, throttling_failure_count=0)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM axes_accessattempt WHERE username LIKE %s OR username = ANY(%s)",
                           [PREFIX + "%", residents])

    with connection.cursor() as cursor:
        # Tracking codes in random order: most lookups of a run are a code nobody looked up before.
        cursor.execute("SELECT tracking_code FROM workflow_case TABLESAMPLE SYSTEM_ROWS(50000)"
                       if _has_tsm(cursor) else "SELECT tracking_code FROM workflow_case ORDER BY random() LIMIT 50000")
        codes = [row[0] for row in cursor.fetchall()]
        rng.shuffle(codes)
        cursor.execute("SELECT id_number FROM accounts_person ORDER BY random() LIMIT 5000")
        numbers = [row[0] for row in cursor.fetchall()]
    desk_services = {}
    for entry in counter_catalogue(subject="person"):
        if entry.spec.form is None and entry.spec.applicant == "person":
            desk_services[entry.code] = [m.code for m in entry.spec.materials]

    identities = {"password": PASSWORD, "clerks": clerks, "reviewers": reviewers, "employers": employers,
                  "residents": residents, "tracking_codes": codes, "person_numbers": numbers,
                  "desk_services": desk_services}
    VAR.mkdir(parents=True, exist_ok=True)
    IDENTITIES.write_text(json.dumps(identities, ensure_ascii=False))
    print(f"prepared in {time.perf_counter() - started:.1f} s: {len(clerks)} clerks, {len(reviewers)} reviewers, "
          f"{len(employers)} employers (sizes {min([e['size'] for e in employers] or [0])}-"
          f"{max([e['size'] for e in employers] or [0])}), {len(residents)} residents, {len(codes)} tracking codes, "
          f"{len(desk_services)} desk services -> {IDENTITIES.relative_to(ROOT)}")
    if not codes or not employers:
        print("  warning: no cases or no employers with insured employees: seed the data first (README)")
    return identities


def _has_tsm(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'tsm_system_rows'")
    return cursor.fetchone() is not None


def enlarge_employers(count: int, rng: random.Random, *, exclude: set) -> list[tuple[int, int]]:
    """Demo-size data only: enrol employees at employers that have none (sizes from 10 to 2,000, most small), so
    that employers can declare. City-scale data (generate_data --scale city) has its own."""
    from datetime import date

    from accounts.models import Employer, Person
    from insurance.models import EMPLOYEE_TYPES, Enrolment, Scheme
    from insurance.services import insured_employer_register

    busy = set(Enrolment.objects.filter(ended_on__isnull=True).values_list("person", flat=True))
    alive = Person.objects.filter(date_of_death__isnull=True).values_list("pk", flat=True)
    free = [pk for pk in alive if pk not in busy]
    rng.shuffle(free)
    made = []
    for employer in Employer.objects.exclude(pk__in=exclude).order_by("pk")[:count]:
        size = min(2000, int(10 * (200 ** rng.random())))
        persons, free = free[:size], free[size:]
        if len(persons) < 10:
            break
        insured_employer_register(employer=employer, industry_class=2)
        Enrolment.objects.bulk_create([
            Enrolment(person_id=p, insurance_type=kind, scheme=Scheme.EMPLOYEE, employer=employer,
                      started_on=date(2025, 1, 1)) for p in persons for kind in EMPLOYEE_TYPES], batch_size=5000)
        made.append((employer.pk, len(persons)))
    return made
