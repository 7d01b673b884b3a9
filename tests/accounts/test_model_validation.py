"""Identity numbers, credit codes and phone numbers are checked by the models themselves, so that full_clean(),
every ModelForm and the Django admin refuse the same things with a field error (never a 500, never saved)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Employer, Person, User
from tests.factories import EmployerFactory, PersonFactory, credit_code_for, id_number_for, region

pytestmark = pytest.mark.django_db

WRONG_CHECKSUM = "370502199001011230"
IMPOSSIBLE_DATE = "370502199013011234"
FAILING_CODE = "923705027474485320"


def _wrong_check(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


@pytest.mark.parametrize("number", [WRONG_CHECKSUM, IMPOSSIBLE_DATE, "37050219900101123", "abc"])
def test_full_clean_refuses_a_wrong_identity_number_on_its_field(number):
    person = Person(id_number=number, name="张三", hukou_region=region("370503001"))
    with pytest.raises(ValidationError) as exc:
        person.full_clean()
    assert set(exc.value.message_dict) == {"id_number"}


def test_full_clean_normalises_and_derives_what_the_number_says():
    number = next(n for n in (id_number_for(i, sex="M") for i in range(1, 100)) if n.endswith("X"))
    person = Person(id_number=f" {number.lower()} ", name="张三", phone="+86 138-0000-0000",
                    hukou_region=region("370503001"))
    person.full_clean()
    assert person.id_number == number and person.phone == "13800000000"
    assert person.sex == "M" and person.birth_date is not None


def test_full_clean_refuses_a_wrong_mobile_number():
    person = Person(id_number=id_number_for(32), name="张三", phone="12345", hukou_region=region("370503001"))
    with pytest.raises(ValidationError) as exc:
        person.full_clean()
    assert set(exc.value.message_dict) == {"phone"}


def test_an_employer_code_failing_the_check_needs_a_recorded_reason():
    employer = Employer(credit_code=FAILING_CODE, name="某公司", region=region("370502"))
    with pytest.raises(ValidationError) as exc:
        employer.full_clean()
    assert set(exc.value.message_dict) == {"credit_code"}
    employer.checksum_exception = "营业执照原件核对无误"
    employer.full_clean()


@pytest.mark.parametrize("phone,ok", [("0546-8888888", True), ("05468888888", True), ("13800000000", True),
                                      ("12345", False), ("' OR 1=1--", False)])
def test_an_employer_contact_phone_is_a_mobile_or_a_fixed_line(phone, ok):
    employer = Employer(credit_code=credit_code_for(4401), name="某公司", region=region("370502"), contact_phone=phone)
    if ok:
        employer.full_clean()
    else:
        with pytest.raises(ValidationError) as exc:
            employer.full_clean()
        assert set(exc.value.message_dict) == {"contact_phone"}


def test_a_user_mobile_number_is_checked():
    user = User(username="someone", phone="999")
    with pytest.raises(ValidationError) as exc:
        user.full_clean()
    assert "phone" in exc.value.message_dict


def _person_form(**values):
    data = {"name": "张三", "hukou_region": region("370502001").pk, "hukou_type": "urban", "phone": "", "address": ""}
    data.update(values)
    return data


@pytest.mark.parametrize("number", [WRONG_CHECKSUM, IMPOSSIBLE_DATE])
def test_the_admin_add_page_refuses_a_wrong_identity_number(client, users, number):
    client.force_login(users["admin"])
    before = Person.objects.count()
    response = client.post(reverse("admin:accounts_person_add"), _person_form(id_number=number))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"id_number"}
    assert "身份证" in str(response.context["adminform"].form.errors["id_number"])
    assert Person.objects.count() == before


def test_the_admin_change_page_refuses_a_wrong_identity_number_and_a_wrong_phone(client, users):
    person = PersonFactory()
    client.force_login(users["admin"])
    url = reverse("admin:accounts_person_change", args=[person.pk])
    response = client.post(url, _person_form(id_number=IMPOSSIBLE_DATE, phone="1234"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"id_number", "phone"}
    person.refresh_from_db()
    assert person.id_number != IMPOSSIBLE_DATE


def test_the_admin_saves_a_valid_person_with_what_the_number_says(client, users):
    client.force_login(users["admin"])
    number = id_number_for(33, sex="M", division="370502")
    response = client.post(reverse("admin:accounts_person_add"), _person_form(id_number=number, phone="13900001111"))
    assert response.status_code == 302
    assert Person.objects.get(id_number=number).sex == "M"


def _employer_form(**values):
    data = {"name": "某公司", "region": region("370502").pk, "status": "active", "checksum_exception": "",
            "legal_representative": "", "contact_name": "", "contact_phone": "", "address": ""}
    data.update(values)
    return data


def test_the_admin_never_saves_a_failing_credit_code_without_the_reason(client, users):
    client.force_login(users["admin"])
    url = reverse("admin:accounts_employer_add")
    response = client.post(url, _employer_form(credit_code=FAILING_CODE))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"credit_code"}
    assert not Employer.objects.filter(credit_code=FAILING_CODE).exists()
    response = client.post(url, _employer_form(credit_code=FAILING_CODE, checksum_exception="营业执照原件核对无误"))
    assert response.status_code == 302
    assert Employer.objects.get(credit_code=FAILING_CODE).checksum_exception == "营业执照原件核对无误"


def test_the_admin_change_page_refuses_a_failing_code_and_a_wrong_phone(client, users):
    employer = EmployerFactory()
    client.force_login(users["admin"])
    url = reverse("admin:accounts_employer_change", args=[employer.pk])
    response = client.post(url, _employer_form(credit_code=_wrong_check(employer.credit_code), contact_phone="abc"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"credit_code", "contact_phone"}
    employer.refresh_from_db()
    assert employer.contact_phone == "" and not employer.checksum_exception
