"""Fixtures of the resident's online service: a resident's client, uploads into a private media folder, the SMS
code read from the outbox."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.conftest import sent_code  # noqa: F401 (the tests import it from here)
from tests.factories import PersonFactory, region


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def resident(users):
    return users["resident"]


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client


@pytest.fixture
def newcomer(db):
    """A person registered in 河口区 with a phone and no online account yet."""
    return PersonFactory(name="李小梅", phone="13912345678", hukou_region=region("370503001"),
                         residence_region=region("370503001"))


def log_in(client, username: str, password: str):
    """Through the login page (axes needs the request), following to the home page."""
    from django.urls import reverse

    return client.post(reverse("accounts:login"), {"username": username, "password": password}, follow=True)




def contributions(person, years: int, *, last_year: int = 2025) -> None:
    """Twelve paid months of pension and medical contributions for each of `years` years up to last_year."""
    from insurance.models import Contribution

    rows = [Contribution(person=person, month=date(year, month, 1), insurance_type=kind, payer="employer",
                         base=Decimal("5000"), employer_part=Decimal("800"), individual_part=Decimal("400"),
                         account_part=Decimal("400") if kind == "pension" else Decimal("0"),
                         paid_on=date(year, month, 15))
            for year in range(last_year - years + 1, last_year + 1) for month in range(1, 13)
            for kind in ("pension", "medical")]
    Contribution.objects.bulk_create(rows)


@pytest.fixture
def make_resident(demo):
    """A new person registered in 河口区 with an online login (the demo resident's history is the demo's)."""
    from accounts.services import resident_user_create

    def make(**person_kwargs):
        person_kwargs.setdefault("hukou_region", region("370503001"))
        person_kwargs.setdefault("residence_region", region("370503001"))
        return resident_user_create(person=PersonFactory(**person_kwargs), password="Dongying@2026")

    return make
