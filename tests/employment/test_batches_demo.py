"""The demo's payment batch: the 河口区 reviewer gathers this month's benefit and pension payments at ICBC."""

import pytest
from django.core.management import call_command

from employment.services.batches import batch_prepare, batch_release
from tests.employment.helpers import this_month

pytestmark = pytest.mark.django_db


def test_the_demo_reviewer_prepares_a_batch_of_benefits_and_pensions(users):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    batch = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    assert {"benefit", "pension"} <= set(batch.lines.values_list("item", flat=True))
    assert batch_release(batch=batch, actor=users["head"]).status == "released"
