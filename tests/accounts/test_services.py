"""Registering persons, employers and logins."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Employer, Person, User
from accounts.services import employer_create, employer_user_create, person_create, resident_user_create
from tests.factories import EmployerFactory, PersonFactory, credit_code_for, id_number_for, region

pytestmark = pytest.mark.django_db


def test_person_create_derives_birth_date_and_sex_and_keeps_history(users):
    person = person_create(actor=users["clerk"], id_number=id_number_for(7, sex="M"), name=" 张三 ",
                           hukou_region=region("370503001"), phone="13800000000")
    assert person.sex == "M" and person.name == "张三"
    assert person.history.get().history_user == users["clerk"]


def test_person_create_refuses_a_bad_checksum_and_changes_nothing(users):
    number = id_number_for(8)
    bad = number[:-1] + ("0" if number[-1] != "0" else "1")
    with pytest.raises(ValidationError):
        person_create(actor=users["clerk"], id_number=bad, name="李四", hukou_region=region("370503001"))
    assert not Person.objects.filter(id_number=bad).exists()


def test_person_create_refuses_a_duplicate(users):
    person = PersonFactory()
    with pytest.raises(ValidationError) as exc:
        person_create(actor=users["clerk"], id_number=person.id_number, name="x", hukou_region=region("370503001"))
    assert exc.value.code == "duplicate"


def test_a_code_failing_the_check_needs_staff_and_a_reason(users):
    code = credit_code_for(99)
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError):
        employer_create(actor=None, credit_code=bad, name="x", region=region("370503"))
    with pytest.raises(ValidationError):
        employer_create(actor=users["employer_admin"], credit_code=bad, name="x", region=region("370503"),
                        checksum_exception="real code")
    employer = employer_create(actor=users["clerk"], credit_code=bad, name="福建某公司", region=region("370503"),
                               checksum_exception="营业执照原件核对无误")
    assert employer.checksum_exception and Employer.objects.filter(credit_code=bad).exists()


def test_only_the_employer_admin_adds_colleagues(users):
    employer = users["employer_admin"].employer
    colleague = employer_user_create(actor=users["employer_admin"], employer=employer, username="new1",
                                     password="x-Pass-123")
    assert colleague.employer == employer and not colleague.has_perm("accounts.manage_employer_users")
    with pytest.raises(ValidationError):
        employer_user_create(actor=users["employer_staff"], employer=employer, username="new2", password="x")
    other = EmployerFactory()
    with pytest.raises(ValidationError):
        employer_user_create(actor=users["employer_admin"], employer=other, username="new3", password="x")


def test_one_resident_login_per_person(db):
    from accounts.roles import sync_roles

    sync_roles()
    person = PersonFactory()
    user = resident_user_create(person=person, password="x-Pass-123")
    assert user.kind == User.Kind.RESIDENT and user.has_perm("accounts.use_resident_site")
    with pytest.raises(ValidationError):
        resident_user_create(person=person, password="x")


def test_a_death_notice_is_recorded_once_and_announced(users):
    from datetime import date

    from accounts.services import person_record_death
    from accounts.signals import person_died

    heard = []

    def receiver(sender, person, date_of_death, actor, **kwargs):
        heard.append((person.pk, date_of_death))

    person_died.connect(receiver)
    try:
        person = PersonFactory()
        person_record_death(actor=users["clerk"], person=person, date_of_death=date(2026, 5, 1), source="公安通报")
        person_record_death(actor=users["clerk"], person=person, date_of_death=date(2026, 5, 2))
    finally:
        person_died.disconnect(receiver)
    person.refresh_from_db()
    assert person.date_of_death == date(2026, 5, 1) and person.is_deceased
    assert heard == [(person.pk, date(2026, 5, 1))]
    assert person.history.first().history_user == users["clerk"]
