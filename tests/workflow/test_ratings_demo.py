"""The demo's ratings: a few through each channel and one rectification waiting at its office; a second run adds
nothing."""

import pytest
from django.core.management import call_command

from workflow.models import Case, Rating

pytestmark = pytest.mark.django_db


def test_the_demo_rates_some_ended_cases_and_opens_one_rectification(users):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    ratings = list(Rating.objects.order_by("pk"))
    assert len(ratings) == 5 and {r.channel for r in ratings} == {"desk", "online", "sms", "receipt"}
    rectifications = Case.objects.filter(service__code="workflow.rectification")
    assert rectifications.count() == 1 and rectifications.get().is_open
    assert rectifications.get().jurisdiction_office.kind == "back_office"  # its reviewers and head answer it
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Rating.objects.count() == 5 and rectifications.count() == 1
