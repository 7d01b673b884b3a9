"""The one-form new hire (社保就业一体登记) and the separation: employment and insurance together or not at all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.models import Person
from employment.models import StatusPeriod
from insurance.exceptions import InsuranceError
from insurance.models import Enrolment
from tests.employer_online.helpers import TYPES, hire, today
from tests.factories import PersonFactory, id_number_for
from workflow.models import Case

pytestmark = pytest.mark.django_db


def _form(person=None, **fields):
    data = {"id_number": person.id_number if person else "", "name": person.name if person else "",
            "phone": "", "start": today().isoformat(), "contract": "open_ended", "position": "焊工",
            "wage": "6500", "types": TYPES}
    data.update(fields)
    return data


def test_one_submission_registers_the_employment_and_every_insurance_type(firm, client):
    person = PersonFactory()
    client.force_login(firm["staff"])
    response = client.post(reverse("employer:new-hire"), _form(person))
    assert response.status_code == 302
    assert response["Location"] == reverse("employer:employee", kwargs={"person_id": person.pk})
    period = StatusPeriod.objects.get(person=person, ended_on__isnull=True)
    assert (period.kind, period.employer) == ("employed", firm["employer"])
    assert sorted(Enrolment.objects.filter(person=person, employer=firm["employer"], status="active")
                  .values_list("insurance_type", flat=True)) == sorted(TYPES)
    cases = Case.objects.filter(person=person, employer=firm["employer"], channel="online")
    assert sorted(cases.values_list("service__code", flat=True)) == ["employment.registration", "insurance.enrol"]
    assert set(cases.values_list("status", flat=True)) == {"completed"}
    # The wage given is the one the month's declaration form starts from.
    page = client.get(reverse("employer:declaration-form")).content.decode()
    assert 'value="6500.00"' in page


def test_a_person_new_to_the_registry_is_created_with_their_phone(firm, client):
    number = id_number_for(880001, division="410102", sex="M")  # hukou in Henan: works here
    client.force_login(firm["admin"])
    data = _form(id_number=number, name="王五")
    response = client.post(reverse("employer:new-hire"), data)
    assert response.status_code == 200 and not Person.objects.filter(id_number=number).exists()
    assert escape(_("This person is not registered yet: give their mobile number too.")) in response.content.decode()
    response = client.post(reverse("employer:new-hire"), {**data, "phone": "13912345678"})
    assert response.status_code == 302
    person = Person.objects.get(id_number=number)
    assert (person.name, person.phone, person.hukou_region.code) == ("王五", "13912345678", "410000")
    assert person.residence_region == firm["employer"].region
    assert StatusPeriod.objects.filter(person=person, employer=firm["employer"]).exists()


def test_a_wrong_name_is_refused_and_nothing_is_saved(firm, client):
    person = PersonFactory()
    client.force_login(firm["staff"])
    response = client.post(reverse("employer:new-hire"), _form(person, name="别人"))
    assert response.status_code == 200
    assert escape(_("The name does not match the identity number.")) in response.content.decode()
    assert not StatusPeriod.objects.filter(person=person).exists()


def test_the_rules_refuse_with_every_reason_and_nothing_is_half_saved(firm, rival, client):
    """Insured and employed by another employer: both services refuse; the page lists both reasons."""
    person = PersonFactory()
    hire(rival["admin"], person=person)
    client.force_login(firm["staff"])
    response = client.post(reverse("employer:new-hire"), _form(person))
    assert response.status_code == 200
    checks = {c.code: c for c in response.context["checks"]}
    assert checks["not_employed_elsewhere"].is_error and checks["insured_elsewhere"].is_error
    assert rival["employer"].name in response.content.decode()  # the reason names who must end it first
    assert not StatusPeriod.objects.filter(person=person, employer=firm["employer"]).exists()
    assert not Enrolment.objects.filter(person=person, employer=firm["employer"]).exists()
    assert not Case.objects.filter(person=person, employer=firm["employer"]).exists()


def test_when_the_insurance_part_fails_no_employment_record_remains(firm, monkeypatch):
    """The enrolment fails after the employment was registered in the same transaction: all is undone."""
    import insurance.catalogue.enrolment as enrolment_catalogue
    from portal.employer.services import new_hire_register

    def refuse(**kwargs):
        assert StatusPeriod.objects.filter(person=kwargs["person"], ended_on__isnull=True).exists()  # it ran first
        raise InsuranceError("refused at the last moment")

    monkeypatch.setattr(enrolment_catalogue, "enrolment_start", refuse)
    number = id_number_for(880002, division="370502")
    with pytest.raises(InsuranceError):
        new_hire_register(actor=firm["admin"], employer=firm["employer"], id_number=number, name="赵六",
                          phone="13712345678", start=today(), wage=6000, types=TYPES, contract="open_ended")
    assert not Person.objects.filter(id_number=number).exists()
    assert not StatusPeriod.objects.filter(employer=firm["employer"]).exists()
    assert not Case.objects.filter(employer=firm["employer"]).exists()


def test_when_the_employment_part_fails_no_person_or_case_remains(firm, monkeypatch):
    """The employment runs first (the enrolment never starts): the person created for it and the case go too."""
    import employment.catalogue.registration as registration_catalogue
    from portal.employer.services import new_hire_register

    def refuse(**kwargs):
        raise InsuranceError("refused")

    monkeypatch.setattr(registration_catalogue, "employment_register", refuse)
    number = id_number_for(880003, division="370502")
    with pytest.raises(InsuranceError):
        new_hire_register(actor=firm["admin"], employer=firm["employer"], id_number=number, name="钱七",
                          phone="13712345679", start=today(), wage=6000, types=TYPES, contract="open_ended")
    assert not Person.objects.filter(id_number=number).exists()
    assert not Case.objects.filter(employer=firm["employer"]).exists()


def test_an_employment_registered_at_the_counter_only_gets_the_insurance(firm):
    person = PersonFactory()
    hire(firm["admin"], person=person, types=["pension"])
    outcome = hire(firm["admin"], person=person, types=["pension", "medical"])
    assert [c.service.code for c in outcome.cases] == ["insurance.enrol"]
    assert StatusPeriod.objects.filter(person=person).count() == 1
    assert set(Enrolment.objects.filter(person=person, status="active").values_list("insurance_type", flat=True)) \
        == {"pension", "medical"}


def test_separation_ends_employment_and_insurance_together(firm, client):
    person = hire(firm["admin"]).person
    client.force_login(firm["staff"])
    url = reverse("employer:separation", kwargs={"person_id": person.pk})
    response = client.post(url, {"ended_on": today().isoformat(), "reason": "resigned", "note": ""})
    assert response.status_code == 302
    period = StatusPeriod.objects.get(person=person, employer=firm["employer"])
    assert (period.ended_on, period.end_reason, period.involuntary) == (today(), "resigned", False)
    assert set(Enrolment.objects.filter(person=person).values_list("status", "ended_on")) == {("ended", today())}
    # Gone from the list, and the page for them is now a 404.
    assert client.get(reverse("employer:employees")).context["page"].paginator.count == 0
    assert client.get(url).status_code == 404


def test_separation_before_the_start_is_refused_and_changes_nothing(firm, client):
    person = hire(firm["admin"]).person
    client.force_login(firm["admin"])
    day = today() - timedelta(days=10)
    response = client.post(reverse("employer:separation", kwargs={"person_id": person.pk}),
                           {"ended_on": day.isoformat(), "reason": "dismissed"})
    assert response.status_code == 200
    assert any(c.is_error for c in response.context["checks"])
    assert StatusPeriod.objects.get(person=person).ended_on is None
    assert not Enrolment.objects.filter(person=person, status="ended").exists()
