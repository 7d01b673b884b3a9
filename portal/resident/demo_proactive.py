"""A demo resident near retirement, so that the bureau's proactive offer (免申即享) shows at home (idempotent: its
own marker). A man of 河口区 whose statutory retirement date is one to two months from the day the demo is seeded,
with 32 years of pension contributions carried over from the former system: the bureau's finder offers him the
retirement approval, and he logs in with his identity number and the demo password to confirm or decline it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.identifiers import id_check_char
from accounts.models import Person, Region, User
from accounts.services import resident_user_create, system_user
from insurance.models import CarriedOverRecord
from insurance.proactive import RETIREMENT_FINDER
from insurance.rules.months import add_months
from insurance.rules.retirement import births_retiring_between
from insurance.selectors.reference import age_schedule
from workflow.models import Sequence
from workflow.services.proactive import offers_open

MARKER = "demo:proactive-retirement"


def seed() -> dict:
    if Sequence.objects.filter(key=MARKER).exists():
        return {}
    today = timezone.localdate()
    births = births_retiring_between(add_months(today, 1), add_months(today, 2), age_schedule("male"))
    if births is None:
        return {}
    first17 = f"370503{births[0]:%Y%m%d}901"  # 901: an odd sequence digit, a man
    id_number = first17 + id_check_char(first17)
    region = Region.objects.get(code="370503001")
    person = Person.objects.filter(id_number=id_number).first() or Person.objects.create(
        id_number=id_number, name="王建国", phone="13700009001", hukou_region=region, residence_region=region,
        address="河口区河口街道海宁路18号")
    CarriedOverRecord.objects.get_or_create(person=person, defaults={
        "through_month": date(2023, 12, 1), "pension_months": 384, "average_index": Decimal("1.0500"),
        "account_balance": Decimal("126000.00"), "source": "原系统迁移（演示）"})
    if not User.objects.filter(person=person).exists():
        resident_user_create(person=person, password=DEMO_PASSWORD)
    findings = [f for f in RETIREMENT_FINDER.find(today=today) if f.person_id == person.pk]
    offered = offers_open(finder=RETIREMENT_FINDER, findings=findings, actor=system_user()) if findings else 0
    Sequence.objects.create(key=MARKER, value=person.pk)
    return {"proactive_offers": offered}
