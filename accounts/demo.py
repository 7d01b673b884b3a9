"""Demo data for the registry: communities, offices, one user per role, ~200 persons, ~20 employers (idempotent)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from accounts.demo_points import seed_points
from accounts.demo_twofactor import seed_staff_devices
from accounts.identifiers import CREDIT_ALPHABET, credit_check_char, id_check_char
from accounts.models import Employer, Office, Person, Region, User
from accounts.roles import Role
from accounts.services import employer_user_create, resident_user_create, staff_user_create

# Meets the staff rules (accounts/passwords.py; tests/accounts/test_password_rules.py fails on a weaker one).
DEMO_PASSWORD = "Dongying@2026"
# What the demo used before: a second seed_demo replaces it (it is too short for a staff password).
OLD_DEMO_PASSWORDS = ("Demo@2026",)
COUNTIES = {"370502": "东营区", "370503": "河口区", "370505": "垦利区", "370522": "利津县", "370523": "广饶县"}
# A few real streets each get two demo communities (12-digit codes: street + 3 digits).
COMMUNITY_STREETS = ["370502001", "370502002", "370503001", "370505001", "370522001", "370523001"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌宇浩凯鑫鹏飞晨阳雪梅琳颖婷欣悦子涵思雨博文"
OTHER_PROVINCE_COUNTIES = ["410102", "130102", "230103", "340104", "510104", "220102", "371302", "370102"]
EMPLOYER_NAMES = [
    "东营胜利石油装备有限公司", "东营市黄河口大闸蟹养殖合作社", "广饶县橡胶轮胎有限公司", "垦利区新能源科技有限公司",
    "利津县纺织服装有限公司", "河口区港口物流有限公司", "东营市第一建筑工程有限公司", "东营蓝海化工有限公司",
    "广饶县农业机械有限公司", "东营市康复医院", "东营市黄河三角洲酒店管理有限公司", "垦利区水产品加工厂",
    "东营市智慧软件有限公司", "利津县食品有限公司", "东营市公交运输有限公司", "河口区盐化工有限公司",
    "东营市教育培训中心", "广饶县造纸有限公司", "东营市家政服务有限公司", "东营经济开发区电子科技有限公司",
]

STAFF = [
    # username, office code, staff number, roles, name
    ("clerk", "HALL-370523", "G3705230001", (Role.CLERK,), "柜员 王芳"),
    ("clerk2", "HALL-370502", "G3705020001", (Role.CLERK,), "柜员 李强"),
    ("reviewer", "BACK-370503", "H3705030001", (Role.REVIEWER,), "经办 张敏"),
    ("reviewer2", "BACK-370502", "H3705020001", (Role.REVIEWER,), "经办 陈静"),
    ("head", "BACK-370503", "H3705030009", (Role.OFFICE_HEAD, Role.REVIEWER), "科长 刘军"),
    ("head2", "BACK-370502", "H3705020009", (Role.OFFICE_HEAD, Role.REVIEWER), "科长 杨洋"),
    ("streetclerk", "PT-370502001", "G3705020101", (Role.CLERK,), "柜员 孙丽"),
    ("communityclerk", "PT-370502001001", "G3705020102", (Role.CLERK,), "柜员 周杰"),
    ("leader", "LEAD-370500", "L3705000001", (Role.BUREAU_LEADER,), "局领导 赵国华"),
    ("admin", "LEAD-370500", "A3705000001", (Role.SYSADMIN,), "系统管理员"),
    # Labour relations (labour/): an inspector in each district's inspection team, its head in 东营区, and the
    # city arbitration commission's arbitrator and chair.
    *((f"inspector{code[-2:]}", f"INSP-{code}", f"J{code}0001", (Role.REVIEWER,), f"{name}监察员")
      for code, name in COUNTIES.items()),
    ("inspector-head", "INSP-370502", "J3705020009", (Role.OFFICE_HEAD, Role.REVIEWER), "监察大队长 孙刚"),
    ("arbitrator", "ARB-370500", "Z3705000001", (Role.REVIEWER,), "仲裁员 周静"),
    ("arbitration-chair", "ARB-370500", "Z3705000009", (Role.OFFICE_HEAD, Role.REVIEWER), "仲裁委主任 吴斌"),
]


def _community_rows() -> list[tuple[str, str, str]]:
    rows = []
    for street in COMMUNITY_STREETS:
        for n, suffix in ((1, "第一社区"), (2, "第二社区")):
            rows.append((f"{street}{n:03d}", suffix, street))
    return rows


def seed_regions() -> None:
    streets = {r.code: r for r in Region.objects.filter(code__in=COMMUNITY_STREETS)}
    for code, suffix, street in _community_rows():
        if not Region.objects.filter(code=code).exists():
            Region(code=code, name=f"{streets[street].name}{suffix}", level=Region.Level.COMMUNITY,
                   parent=streets[street]).save()


def seed_offices() -> dict[str, Office]:
    regions = {r.code: r for r in Region.objects.filter(code__in=["370500", *COUNTIES])}
    wanted = [("HALL-370500", "东营市人社局市民服务中心大厅", Office.Kind.HALL, "370500"),
              ("BACK-370500", "东营市社会保险事业中心（市本级后台）", Office.Kind.BACK_OFFICE, "370500"),
              ("LEAD-370500", "东营市人力资源和社会保障局领导", Office.Kind.LEADERSHIP, "370500")]
    for code, name in COUNTIES.items():
        wanted.append((f"HALL-{code}", f"{name}人社服务大厅", Office.Kind.HALL, code))
        wanted.append((f"BACK-{code}", f"{name}人社局后台经办科", Office.Kind.BACK_OFFICE, code))
        wanted.append((f"INSP-{code}", f"{name}劳动保障监察大队", Office.Kind.INSPECTION, code))
    wanted.append(("ARB-370500", "东营市劳动人事争议仲裁委员会", Office.Kind.ARBITRATION, "370500"))
    offices = {}
    for code, name, kind, region in wanted:
        offices[code], _ = Office.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "region": regions[region]}
        )
    return offices


def seed_staff(offices: dict[str, Office]) -> None:
    for username, office, number, roles, name in STAFF:
        if not User.objects.filter(username=username).exists():
            staff_user_create(username=username, password=DEMO_PASSWORD, office=offices[office],
                              staff_number=number, roles=roles, last_name=name)


def renew_old_demo_passwords() -> None:
    """A database seeded before the staff password rules: its demo logins get today's demo password."""
    for user in User.objects.filter(username__in=[row[0] for row in demo_logins()]):
        if any(user.check_password(old) for old in OLD_DEMO_PASSWORDS):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])


def demo_id_number(rng: random.Random, division: str, birth: date, sex: str) -> str:
    seq = rng.randrange(0, 100)
    sex_digit = rng.choice("13579" if sex == "M" else "02468")
    first17 = f"{division}{birth:%Y%m%d}{seq:02d}{sex_digit}"
    return first17 + id_check_char(first17)


def demo_credit_code(rng: random.Random, division: str) -> str:
    org = "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
    first17 = f"91{division}{org}"
    return first17 + credit_check_char(first17)


def seed_persons(count: int = 200) -> list[Person]:
    rng = random.Random(370500)
    streets = list(Region.objects.filter(level=Region.Level.STREET, path__startswith="3705"))
    by_county = {}
    for s in streets:
        by_county.setdefault(s.code[:6], []).append(s)
    provinces = {r.path: r for r in Region.objects.filter(level=Region.Level.PROVINCE)}
    persons = []
    for i in range(count):
        sex = "M" if i % 2 == 0 else "F"
        birth = date(1962, 1, 1) + timedelta(days=rng.randrange(0, 365 * 43))
        county = list(COUNTIES)[i % len(COUNTIES)]
        residence = rng.choice(by_county[county])
        if i % 7 == 6:  # one in seven comes from another province
            division = OTHER_PROVINCE_COUNTIES[i % len(OTHER_PROVINCE_COUNTIES)]
            hukou = provinces[division[:2]] if division[:4] != "3705" else residence
        else:
            division = "370521" if (county == "370505" and birth.year < 2000 and i % 3 == 0) else county
            hukou = rng.choice(by_county[county])
        number = demo_id_number(rng, division, birth, sex)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        phone = f"1{rng.choice('3578')}{rng.randrange(0, 10**9):09d}"
        # Draw every random value before looking the person up, so that a second run
        # draws the same sequence and finds the same people.
        address = f"{residence.name}{rng.randrange(1, 300)}号"
        hukou_type = Person.HukouType.RURAL if rng.random() < 0.3 else Person.HukouType.URBAN
        person = Person.objects.filter(id_number=number).first()
        if person is None:
            person = Person(id_number=number, name=name, phone=phone, hukou_region=hukou, residence_region=residence,
                            address=address, hukou_type=hukou_type)
            person.save()
        persons.append(person)
    return persons


def seed_employers(count: int = 20) -> list[Employer]:
    rng = random.Random(3705)
    counties = {r.code: r for r in Region.objects.filter(code__in=list(COUNTIES))}
    employers = []
    for i, name in enumerate(EMPLOYER_NAMES[:count]):
        division = list(COUNTIES)[i % len(COUNTIES)]
        code = demo_credit_code(rng, division)
        employer, _ = Employer.objects.get_or_create(
            credit_code=code,
            defaults={"name": name, "region": counties[division], "legal_representative": "法人代表",
                      "contact_name": "联系人", "contact_phone": f"0546{rng.randrange(10**6, 10**7)}"},
        )
        employers.append(employer)
    return employers


def seed_logins(persons: list[Person], employers: list[Employer]) -> None:
    resident = persons[1]  # a woman registered in 河口区
    if not User.objects.filter(person=resident).exists():
        resident_user_create(person=resident, password=DEMO_PASSWORD)
    if not User.objects.filter(username="employer").exists():
        employer_user_create(actor=None, employer=employers[0], username="employer", password=DEMO_PASSWORD,
                             is_admin=True, name="单位管理员")
    if not User.objects.filter(username="employer2").exists():
        employer_user_create(actor=None, employer=employers[0], username="employer2", password=DEMO_PASSWORD,
                             name="单位经办")


@transaction.atomic
def seed() -> dict:
    seed_regions()
    persons = seed_persons()
    offices = {**seed_offices(), **seed_points(persons)}
    seed_staff(offices)
    seed_staff_devices([row[0] for row in STAFF])  # second factor: fixed demo keys (manage.py demo_codes)
    employers = seed_employers()
    seed_logins(persons, employers)
    renew_old_demo_passwords()
    return {"persons": persons, "employers": employers, "offices": offices}


def demo_logins() -> list[tuple[str, str, str]]:
    """(user name, password, what it is) for the README and `make run`."""
    residents = User.objects.filter(kind=User.Kind.RESIDENT).order_by("pk").values_list("username", flat=True)[:5]
    rows = [(u, DEMO_PASSWORD, str(dict(Role.choices)[r[0]])) for u, _, _, r, _ in STAFF]
    rows += [(username, DEMO_PASSWORD, str(Role.RESIDENT.label)) for username in residents]
    rows += [("employer", DEMO_PASSWORD, str(Role.EMPLOYER_ADMIN.label)),
             ("employer2", DEMO_PASSWORD, str(Role.EMPLOYER_STAFF.label))]
    return rows
