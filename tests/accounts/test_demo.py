"""seed_demo: the registry it promises, and a second run changes nothing."""

import pytest
from django.core.management import call_command

from accounts.models import Employer, Office, Person, Region, User
from workflow.models import Case, CaseEvent, OutboundMessage

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "regions": Region.objects.count(), "offices": Office.objects.count(), "persons": Person.objects.count(),
        "employers": Employer.objects.count(), "users": User.objects.count(),
        "person_history": Person.history.count(), "employer_history": Employer.history.count(),
        "cases": Case.objects.count(), "events": CaseEvent.objects.count(), "sms": OutboundMessage.objects.count(),
    }


def test_seed_demo_twice_changes_nothing(demo):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first
    # 200 generated persons, and one near retirement whom the bureau's proactive run made an offer (portal's demo).
    assert first["persons"] == 201 and first["employers"] == 20
    # Every back office has open cases to show, some overdue and escalated.
    assert Case.objects.filter(status="routed", jurisdiction_office__code="BACK-370503").exists()
    assert Case.objects.filter(steps__step="warn").exists()


def test_demo_registry_shape(demo):
    counties = ["370502", "370503", "370505", "370522", "370523"]
    for code in counties:
        assert Office.objects.filter(kind=Office.Kind.HALL, region__code=code).exists()
        assert Office.objects.filter(kind=Office.Kind.BACK_OFFICE, region__code=code).exists()
        assert Region.objects.filter(level=Region.Level.STREET, parent__code=code).exists()
    assert Office.objects.filter(kind=Office.Kind.HALL, region__code="370500").exists()
    assert Office.objects.filter(kind=Office.Kind.LEADERSHIP).exists()
    assert Region.objects.filter(level=Region.Level.COMMUNITY).count() >= 10
    # Persons are spread across the districts, and some come from other provinces.
    for code in counties:
        assert Person.objects.filter(residence_region__path__startswith=code).count() >= 30
    assert Person.objects.exclude(hukou_region__path__startswith="3705").exists()


def test_generate_data_creates_valid_rows_in_bulk(demo):
    from accounts.generate import generate_employers, generate_persons
    from accounts.identifiers import is_valid_credit_code, is_valid_id_number

    assert generate_persons(2000, seed=5) == 2000
    assert generate_employers(50, seed=5) == 50
    assert all(is_valid_id_number(n) for n in Person.objects.values_list("id_number", flat=True))
    assert all(is_valid_credit_code(c) for c in Employer.objects.values_list("credit_code", flat=True))
    sample = Person.objects.first()
    from accounts.identifiers import parse_id_number

    info = parse_id_number(sample.id_number)
    assert (sample.birth_date, sample.sex) == (info.birth_date, info.sex)
