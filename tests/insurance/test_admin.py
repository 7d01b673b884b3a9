"""The reference figures in the admin: each row's source and verified flag shown; leaders edit, heads read."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from insurance.models import ContributionBase, ContributionRate, PensionDivisor

pytestmark = pytest.mark.django_db

REFERENCE = ["contributionrate", "contributionbase", "pensioncalculationbase", "retirementagerule",
             "minimumcontribution", "pensiondivisor", "reimbursementpolicy"]


def test_every_seeded_row_says_where_it_comes_from_and_whether_it_is_verified():
    assert ContributionRate.objects.filter(insurance_type="work_injury", verified=True).count() == 8
    assert not ContributionBase.objects.filter(verified=True).exists()  # secondary sources
    assert set(PensionDivisor.objects.filter(verified=True).values_list("age", flat=True)) == {50, 55, 60}
    assert not ContributionRate.objects.filter(source="").exists()
    assert ContributionBase.objects.get(valid_from__year=2026).floor == D("4573")


@pytest.mark.parametrize("model", REFERENCE)
def test_the_admin_lists_source_and_verified_for_every_reference_table(client, users, model):
    client.force_login(users["leader"])
    response = client.get(reverse(f"admin:insurance_{model}_changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "column-source" in body and "column-verified" in body


def test_the_leader_edits_a_rate_and_the_head_only_reads_it(client, users):
    rate = ContributionRate.objects.get(insurance_type="medical", scheme="employee")
    url = reverse("admin:insurance_contributionrate_change", args=[rate.pk])
    client.force_login(users["head"])
    assert client.get(url).status_code == 200
    client.post(url, {"insurance_type": "medical", "scheme": "employee", "industry_class": 0, "employer_rate": "0.08",
                      "individual_rate": "0.02", "account_rate": "0", "valid_from": "2020-01-01",
                      "source": "x", "verified": "on"})
    rate.refresh_from_db()
    assert rate.employer_rate == D("0.0700")
    client.force_login(users["leader"])
    response = client.post(url, {"insurance_type": "medical", "scheme": "employee", "industry_class": 0,
                                 "employer_rate": "0.08", "individual_rate": "0.02", "account_rate": "0",
                                 "valid_from": "2020-01-01", "source": "东营市医保局文件", "verified": "on"})
    assert response.status_code == 302
    rate.refresh_from_db()
    assert (rate.employer_rate, rate.verified, rate.source) == (D("0.0800"), True, "东营市医保局文件")


def test_records_are_read_only_in_the_admin(client, users):
    client.force_login(users["admin"])
    assert client.get(reverse("admin:insurance_contribution_changelist")).status_code == 200
    assert client.get(reverse("admin:insurance_contribution_add")).status_code == 403
