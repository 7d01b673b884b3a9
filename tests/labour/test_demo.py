"""The labour demo: one inspection team per district and the city commission with their logins, a wage matter of
two workers against the demo employer (one accepted and answered), an accepted arbitration with a hearing; a
second run changes nothing."""

import pytest
from django.core.management import call_command

from accounts.demo import demo_logins
from accounts.models import Office, User
from labour.models import Arbitration, Complaint, Hearing, WageMatter

pytestmark = pytest.mark.django_db


def _counts():
    return {m.__name__: m.objects.count() for m in (WageMatter, Complaint, Arbitration, Hearing)}


def test_the_demo_twice_changes_nothing(demo):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first == {"WageMatter": 2, "Complaint": 3, "Arbitration": 1, "Hearing": 1}
    employer = User.objects.get(username="employer").employer
    matter = WageMatter.objects.get(employer=employer)
    assert matter.complaints.count() == 2 and matter.complaints.filter(answered_at__isnull=False).exists()
    assert matter.complaints.filter(accepted_at__isnull=False).exists()
    assert Arbitration.objects.get().accepted_at is not None


def test_offices_and_logins(demo):
    assert Office.objects.filter(kind=Office.Kind.INSPECTION).count() == 5
    assert Office.objects.filter(kind=Office.Kind.ARBITRATION, code="ARB-370500").exists()
    logins = {row[0] for row in demo_logins()}
    assert {"inspector02", "inspector-head", "arbitrator", "arbitration-chair"} <= logins
    for username in ("inspector03", "arbitrator"):
        assert User.objects.get(username=username).has_perm("workflow.review_case")
