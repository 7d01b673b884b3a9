"""Persons and employers: valid identity numbers and credit codes, spread over the city's five districts."""

from __future__ import annotations

from datetime import date, timedelta

from accounts.demo import COUNTIES, GIVEN, SURNAMES
from accounts.identifiers import CREDIT_ALPHABET
from accounts.models import Region
from portal.generate.sql import credit_check, h, id_check, reserve_ids, with_params

# Where people live (share of residents in %, roughly the districts' populations):
# 东营区, 河口区, 垦利区, 利津县, 广饶县.
DISTRICTS = list(COUNTIES)
DISTRICT_SHARE = [38, 12, 13, 13, 24]
# Hukou outside Shandong (the demo's other-province divisions, without the two in Shandong): ~8% of persons.
OUTSIDE_SHARE = 8
OUTSIDE_DIVISIONS = ["410102", "130102", "230103", "340104", "510104", "220102"]
FIRST_BIRTH = date(1946, 1, 1)
WORDS = "鑫华恒泰盛德利通宏嘉瑞丰源安海天信达金成"
TRADES = ["石油装备", "化工", "机械", "物流", "建筑工程", "食品", "纺织", "电子科技", "商贸", "餐饮", "物业管理",
          "汽车服务", "医药", "橡胶", "新能源", "农业开发", "水产", "软件", "家政服务", "印刷"]
FORMS = ["有限公司", "有限责任公司", "股份有限公司", "合作社", "商行"]


def district_case(expr: str) -> str:
    """SQL: the district index (1..5) of a percentage `expr` in [0, 100), by DISTRICT_SHARE."""
    parts, edge = [], 0
    for index, share in enumerate(DISTRICT_SHARE[:-1], start=1):
        edge += share
        parts.append(f"WHEN {expr} < {edge} THEN {index}")
    return f"(CASE {' '.join(parts)} ELSE {len(DISTRICT_SHARE)} END)"


def _streets() -> tuple[list[int], list[str], list[int], list[int]]:
    """Streets of the five districts in one flat list (ids, names), with each district's offset and count."""
    ids, names, offsets, counts = [], [], [], []
    for code in DISTRICTS:
        streets = list(Region.objects.filter(level=Region.Level.STREET, path__startswith=code).order_by("path"))
        if not streets:
            raise RuntimeError(f"no streets of {code}: load the regions (migrate) first")
        offsets.append(len(ids) + 1)
        counts.append(len(streets))
        ids += [s.pk for s in streets]
        names += [s.name for s in streets]
    return ids, names, offsets, counts


def _coprime_stride(capacity: int, start: int = 7919) -> int:
    from math import gcd

    stride = start
    while gcd(stride, capacity) != 1:
        stride += 2
    return stride


def generate_persons(cursor, count: int, *, seed: int, today: date, now) -> int:
    """`count` persons, one INSERT ... SELECT; a number already taken (the demo's) is skipped. Then gen_person
    numbers the new persons densely (n from 0) with the facts later stages choose by."""
    street_ids, street_names, offsets, counts = _streets()
    provinces = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("path", "pk"))
    outside_hukou = [provinces[d[:2]] for d in OUTSIDE_DIVISIONS]
    days = (today - timedelta(days=1) - FIRST_BIRTH).days
    capacity = days * 1000  # birth day x three sequence digits (the last one carries the sex)
    stride = _coprime_stride(capacity)
    base = reserve_ids(cursor, "accounts_person", count)
    n = "g.n"
    cursor.execute(with_params(f"""
        INSERT INTO accounts_person (id, id_number, name, sex, birth_date, phone, hukou_region_id, hukou_type,
            residence_region_id, address, is_disabled, in_low_income_household, in_zero_employment_household,
            created_at, updated_at)
        SELECT {base} + n, f17 || {id_check('f17')}, name, CASE WHEN seq % 2 = 1 THEN 'M' ELSE 'F' END, birth, phone,
               hukou, hukou_type, residence, address, disabled, low_income, false, %(now)s, %(now)s
        FROM (
            SELECT n, seq, birth, name, phone, hukou_type, disabled, low_income,
                   (CASE WHEN outside THEN (%(outside)s)[1 + n % {len(OUTSIDE_DIVISIONS)}]
                         WHEN d = 3 AND birth < DATE '2000-01-01' AND n % 3 = 0 THEN '370521'
                         ELSE (%(districts)s)[d] END) || to_char(birth, 'YYYYMMDD') || lpad(seq::text, 3, '0') AS f17,
                   (%(streets)s)[(%(offsets)s)[d] + ((n / 7) % (%(counts)s)[d])::int] AS residence,
                   CASE WHEN outside THEN (%(outside_hukou)s)[1 + n % {len(OUTSIDE_DIVISIONS)}]
                        ELSE (%(streets)s)[(%(offsets)s)[d] + ((n / 11) % (%(counts)s)[d])::int] END AS hukou,
                   (%(names)s)[(%(offsets)s)[d] + ((n / 7) % (%(counts)s)[d])::int]
                       || (1 + {h("n", 8, 300)}) || '号' AS address
            FROM (
                SELECT {n} AS n,
                       CAST(%(first)s AS date)
                           + (((({n}::bigint * {stride}) + %(offset)s) % {capacity}) % {days})::int AS birth,
                       ((({n}::bigint * {stride}) + %(offset)s) % {capacity}) / {days} AS seq,
                       {district_case(h(n, 1, 100))} AS d,
                       {h(n, 2, 100)} < {OUTSIDE_SHARE} AS outside,
                       substr(%(surnames)s, 1 + {h(n, 3, len(SURNAMES))}::int, 1)
                           || substr(%(given)s, 1 + {h(n, 4, len(GIVEN))}::int, 1)
                           || CASE WHEN {h(n, 5, 10)} < 6
                                   THEN substr(%(given)s, 1 + {h(n, 6, len(GIVEN))}::int, 1) ELSE '' END AS name,
                       '1' || substr('3578', 1 + {h(n, 7, 4)}::int, 1)
                           || lpad((({n}::bigint * 7919 + %(offset)s) % 1000000000)::text, 9, '0') AS phone,
                       CASE WHEN {h(n, 9, 10)} < 3 THEN 'rural' ELSE 'urban' END AS hukou_type,
                       {h(n, 10, 1000)} < 15 AS disabled,
                       {h(n, 11, 1000)} < 20 AS low_income
                FROM generate_series(1, {count}) AS g(n)
                OFFSET 0  -- a fence: each drawn value is computed once, not copied into every use
            ) AS drawn
            OFFSET 0
        ) AS rows
        ON CONFLICT (id_number) DO NOTHING
    """), {"now": now, "outside": OUTSIDE_DIVISIONS, "districts": DISTRICTS, "streets": street_ids,
          "offsets": offsets, "counts": counts, "outside_hukou": outside_hukou, "names": street_names,
          "first": FIRST_BIRTH, "offset": (seed * 104_729) % capacity, "surnames": SURNAMES, "given": GIVEN})
    made = cursor.rowcount
    # Dense numbering of what was made, with each person's district (from the residence street) and age.
    cursor.execute(f"""
        CREATE UNLOGGED TABLE gen_person AS
        SELECT (row_number() OVER (ORDER BY p.id) - 1)::int AS n, p.id, p.birth_date, p.sex,
               CASE substr(r.code, 1, 6) {' '.join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(DISTRICTS, 1))}
                    ELSE 1 END AS d,
               date_part('year', age(%(today)s, p.birth_date))::int AS age
        FROM accounts_person p JOIN accounts_region r ON r.id = p.residence_region_id
        WHERE p.id > {base}""", {"today": today})
    cursor.execute("ALTER TABLE gen_person ADD PRIMARY KEY (n)")
    return made


def generate_employers(cursor, count: int, *, seed: int, now) -> int:
    """`count` employers in one INSERT ... SELECT, valid credit codes ('91', the district, a 9-character body
    walked through the code space by a stride, the check character); gen_employer numbers them (j from 0)."""
    counties = dict(Region.objects.filter(code__in=DISTRICTS).values_list("code", "pk"))
    county_ids = [counties[c] for c in DISTRICTS]
    county_names = [COUNTIES[c] for c in DISTRICTS]
    space = 31 ** 9
    stride = _coprime_stride(space, 1_000_003)
    body = " || ".join(f"substr('{CREDIT_ALPHABET}', 1 + ((k / {31 ** p}) % 31)::int, 1)" for p in range(8, -1, -1))
    base = reserve_ids(cursor, "accounts_employer", count)
    n = "g.n"
    cursor.execute(with_params(f"""
        INSERT INTO accounts_employer (id, credit_code, checksum_exception, name, region_id, legal_representative,
            contact_name, contact_phone, address, status, created_at, updated_at)
        SELECT {base} + n, f17 || {credit_check('f17')}, '', name, (%(county_ids)s)[d], '', '', phone, '', 'active',
               %(now)s, %(now)s
        FROM (
            SELECT n, d, '91' || (%(districts)s)[d] || {body} AS f17,
                   (%(county_names)s)[d] || substr(%(words)s, 1 + {h('n', 32, len(WORDS))}::int, 1)
                       || substr(%(words)s, 1 + {h('n', 33, len(WORDS))}::int, 1)
                       || (%(trades)s)[1 + {h('n', 34, len(TRADES))}::int]
                       || (%(forms)s)[1 + {h('n', 35, len(FORMS))}::int] AS name,
                   '0546-' || (8000000 + {h('n', 36, 2000000)})::text AS phone
            FROM (
                SELECT {n} AS n, {district_case(h(n, 30, 100))} AS d,
                       ({n}::bigint * {stride} + %(offset)s) % {space} AS k
                FROM generate_series(1, {count}) AS g(n)
                OFFSET 0
            ) AS drawn
            OFFSET 0
        ) AS rows
        ON CONFLICT (credit_code) DO NOTHING
    """), {
        "now": now, "county_ids": county_ids, "districts": DISTRICTS, "county_names": county_names,
        "words": WORDS, "trades": TRADES, "forms": FORMS, "offset": (seed * 7_368_787) % space})
    made = cursor.rowcount
    cursor.execute(f"""
        CREATE UNLOGGED TABLE gen_employer AS
        SELECT (row_number() OVER (ORDER BY e.id) - 1)::int AS j, e.id,
               CASE substr(r.code, 1, 6) {' '.join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(DISTRICTS, 1))}
                    ELSE 1 END AS d,
               0 AS size, 1 AS industry_class
        FROM accounts_employer e JOIN accounts_region r ON r.id = e.region_id
        WHERE e.id > {base}""")
    cursor.execute("ALTER TABLE gen_employer ADD PRIMARY KEY (j)")
    return made
