"""factory_boy factories with valid identity numbers and credit codes."""

from __future__ import annotations

from datetime import date, timedelta

import factory

from accounts.identifiers import credit_check_char, id_check_char
from accounts.models import Employer, Office, Person, Region, User


def id_number_for(n: int, *, division: str = "370503", birth: date | None = None, sex: str = "F") -> str:
    birth = birth or date(1980, 1, 1) + timedelta(days=n % 9000)
    seq = (n // 9000) % 100
    sex_digit = (2 * (n % 5)) + (1 if sex == "M" else 0)
    first17 = f"{division}{birth:%Y%m%d}{seq:02d}{sex_digit}"
    return first17 + id_check_char(first17)


def credit_code_for(n: int, *, division: str = "370503") -> str:
    first17 = f"91{division}{n:09d}"
    return first17 + credit_check_char(first17)


def region(code: str) -> Region:
    found = Region.objects.filter(code=code).first()
    if found is None:  # the reference data was flushed by a transactional test: load it again
        from tests.conftest import ensure_demo

        ensure_demo()
        found = Region.objects.get(code=code)
    return found


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    class Params:
        division = "370503"
        birth = None
        sex_code = "F"

    id_number = factory.LazyAttributeSequence(
        lambda o, n: id_number_for(n + 1, division=o.division, birth=o.birth, sex=o.sex_code)
    )
    name = factory.Sequence(lambda n: f"测试{n:04d}")
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    hukou_region = factory.LazyFunction(lambda: region("370503001"))
    residence_region = factory.LazyFunction(lambda: region("370503001"))


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    credit_code = factory.Sequence(lambda n: credit_code_for(n + 1))
    name = factory.Sequence(lambda n: f"测试单位{n:04d}")
    region = factory.LazyFunction(lambda: region("370503"))


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    code = factory.Sequence(lambda n: f"TEST-{n:04d}")
    name = factory.Sequence(lambda n: f"测试办公室{n}")
    kind = Office.Kind.BACK_OFFICE
    region = factory.LazyFunction(lambda: region("370503"))


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    kind = User.Kind.STAFF
    staff_number = factory.Sequence(lambda n: f"T{n:06d}")
    office = factory.SubFactory(OfficeFactory)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(r) for r in extracted]))
