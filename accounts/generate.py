"""Bulk generation of valid persons and employers for benchmarks (no history rows: this is load data)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from accounts.identifiers import CREDIT_ALPHABET, credit_check_char, id_check_char
from accounts.models import Employer, Person, Region

BATCH = 5000
DIVISIONS = ["370502", "370503", "370505", "370522", "370523", "370521"]
FIRST_BIRTH = date(1950, 1, 1)
BIRTH_DAYS = 365 * 57


def person_rows(n: int, *, seed: int) -> list[Person]:
    """n persons with distinct, valid identity numbers drawn from a seed-dependent slice of the number space."""
    rng = random.Random(seed)
    streets = list(Region.objects.filter(level=Region.Level.STREET, path__startswith="3705"))
    by_county: dict[str, list[Region]] = {}
    for street in streets:
        by_county.setdefault(street.code[:6], []).append(street)
    capacity = len(DIVISIONS) * BIRTH_DAYS * 1000
    start, stride = rng.randrange(capacity), 7919  # a prime stride walks the space without repeats
    rows = []
    for i in range(n):
        k = (start + i * stride) % capacity
        division = DIVISIONS[k % len(DIVISIONS)]
        k //= len(DIVISIONS)
        birth = FIRST_BIRTH + timedelta(days=k % BIRTH_DAYS)
        seq = k // BIRTH_DAYS  # 0..999: two sequence digits and the sex digit
        first17 = f"{division}{birth:%Y%m%d}{seq:03d}"
        county = division if division != "370521" else "370505"
        region = by_county[county][i % len(by_county[county])]
        rows.append(Person(
            id_number=first17 + id_check_char(first17), name=f"测试{i % 10000:04d}",
            sex="M" if seq % 2 else "F", birth_date=birth, phone=f"139{i % 10**8:08d}",
            hukou_region=region, residence_region=region,
        ))
    return rows


def generate_persons(n: int, *, seed: int = 1) -> int:
    before = Person.objects.count()
    for offset in range(0, n, BATCH):
        Person.objects.bulk_create(person_rows(min(BATCH, n - offset), seed=seed * 1_000_003 + offset),
                                   ignore_conflicts=True)
    return Person.objects.count() - before


def generate_employers(m: int, *, seed: int = 1) -> int:
    rng = random.Random(seed)
    counties = list(Region.objects.filter(level=Region.Level.COUNTY, path__startswith="3705"))
    before = Employer.objects.count()
    rows = []
    for i in range(m):
        region = counties[i % len(counties)]
        first17 = "91" + region.code + "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
        rows.append(Employer(credit_code=first17 + credit_check_char(first17), name=f"测试单位{i:06d}", region=region))
        if len(rows) >= BATCH:
            Employer.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    Employer.objects.bulk_create(rows, ignore_conflicts=True)
    return Employer.objects.count() - before
