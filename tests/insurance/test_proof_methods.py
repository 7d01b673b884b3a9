"""Proof of life records the method that really happened (issue 11, item 27): the kiosk's SMS code, the online
login, the clerk's check of the identity card in person, a home visit. The bureau decides in the admin which
methods count; the reviewer sees each proof's weight; old records were translated by the data migration."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation

from accounts.services import system_user
from insurance.exceptions import InsuranceError
from insurance.models import CarriedOverRecord, Pension, ProofMethod, ProofOfLife
from insurance.services import pension_grant, proof_of_life_record
from tests.factories import PersonFactory, region
from workflow.exceptions import NotEligible
from workflow.services import case_accept

pytestmark = pytest.mark.django_db


def make_pensioner(**kwargs) -> Pension:
    person = PersonFactory(birth=date(1960, 3, 1), sex_code="M", hukou_region=region("370503001"), **kwargs)
    CarriedOverRecord.objects.create(person=person, through_month=date(2019, 12, 1), pension_months=360,
                                     average_index=Decimal("1.1"), account_balance=Decimal("90000"))
    return pension_grant(person=person, actor=system_user(), retirement_date=date(2020, 3, 1), group="male")


def test_the_methods_are_seeded_named_for_what_happens_and_none_is_face_recognition():
    assert set(ProofMethod.objects.values_list("code", flat=True)) == {"sms_code", "online_account", "id_card",
                                                                         "home_visit", "photo", "silent"}
    with translation.override("zh-hans"):
        names = {m.code: str(m.name) for m in ProofMethod.objects.all()}
        assert names["sms_code"] == "本人手机验证码"
        assert not any("人脸" in name for name in names.values())
        assert "无人见到本人" in str(ProofMethod.objects.get(code="sms_code").checks)
    assert {m.code for m in ProofMethod.objects.all() if m.seen_in_person} == {"id_card", "home_visit"}


def test_each_channel_records_what_really_happened(users):
    pension = make_pensioner()
    person, clerk = pension.person, users["clerk"]
    case_accept(service_code="insurance.proof_of_life", actor=clerk, channel="counter", person=person)
    case_accept(service_code="insurance.proof_of_life", actor=clerk, channel="counter", person=person,
                data={"method": "home_visit"})
    assert list(pension.proofs.order_by("pk").values_list("method", flat=True)) == ["id_card", "home_visit"]


def test_a_method_the_bureau_does_not_count_is_refused_and_changes_nothing(users):
    pension = make_pensioner()
    ProofMethod.objects.filter(code="id_card").update(counts=False)
    due = Pension.objects.get(pk=pension.pk).next_proof_due
    with pytest.raises(NotEligible) as refused:
        case_accept(service_code="insurance.proof_of_life", actor=users["clerk"], channel="counter",
                    person=pension.person)
    assert [c.code for c in refused.value.checks if c.is_error] == ["method_counts"]
    with pytest.raises(InsuranceError):
        proof_of_life_record(person=pension.person, method="id_card", actor=users["clerk"])
    assert not ProofOfLife.objects.exists() and Pension.objects.get(pk=pension.pk).next_proof_due == due
    # A home visit still counts.
    case_accept(service_code="insurance.proof_of_life", actor=users["clerk"], channel="counter",
                person=pension.person, data={"method": "home_visit"})
    assert ProofOfLife.objects.get().method_id == "home_visit"


def test_the_counter_offers_the_clerk_the_two_methods_that_happen_there(users):
    from insurance.catalogue.pensioners import ProofForm
    from workflow.registry import Application, registry

    spec = registry.get("insurance.proof_of_life")
    at = {channel: ProofForm(application=Application(service=spec, channel=channel, actor=users["clerk"]))
          for channel in ("counter", "online", "kiosk")}
    assert [c for c, _label in at["counter"].fields["method"].choices] == ["id_card", "home_visit"]
    assert "method" not in at["online"].fields and "method" not in at["kiosk"].fields


def test_the_reviewer_sees_the_method_of_the_last_proof_and_its_weight(client, users):
    pension = make_pensioner()
    proof_of_life_record(person=pension.person, method="sms_code", actor=system_user())
    Pension.objects.filter(pk=pension.pk).update(next_proof_due=timezone.localdate() + timedelta(days=10))
    client.force_login(users["reviewer"])
    page = client.get(reverse("insurance:pensioner-proof-due")).content.decode()
    row = page.split(pension.person.masked_id_number)[1].split("</tr>")[0]
    assert "本人手机验证码" in row and "未见本人" in row and "现不计入" not in row
    ProofMethod.objects.filter(code="sms_code").update(counts=False)
    page = client.get(reverse("insurance:pensioner-proof-due")).content.decode()
    assert "现不计入" in page.split(pension.person.masked_id_number)[1].split("</tr>")[0]


def test_the_case_page_and_the_records_say_what_the_method_checks(client, users):
    pension = make_pensioner()
    case = case_accept(service_code="insurance.proof_of_life", actor=users["clerk"], channel="counter",
                       person=pension.person)
    client.force_login(users["reviewer"])
    page = client.get(reverse("workflow:case-detail", args=[case.number])).content.decode()
    assert "窗口当面核验身份证" in page and "工作人员在窗口当面见到本人" in page
    records = client.get(reverse("insurance:person-records", args=[pension.person_id])).content.decode()
    assert "上次生存认证" in records and "窗口当面核验身份证" in records and "见到本人" in records


def test_the_bureau_decides_in_the_admin_which_methods_count(client, users):
    url = reverse("admin:insurance_proofmethod_change", args=["sms_code"])
    client.force_login(users["leader"])
    page = client.get(url).content.decode()
    assert "无人见到本人" in page
    recorded = ProofMethod.history.filter(code="sms_code").count()
    response = client.post(url, {"counts": "", "note": "2027年起仅认可见到本人的方式"})
    assert response.status_code == 302
    method = ProofMethod.objects.get(code="sms_code")
    assert not method.counts and method.note == "2027年起仅认可见到本人的方式"
    assert method.history.count() == recorded + 1  # the change is in the method's history
    assert client.get(reverse("admin:insurance_proofmethod_add")).status_code == 403
    assert client.get(reverse("admin:insurance_proofmethod_delete", args=["sms_code"])).status_code == 403
    client.force_login(users["head"])
    assert client.get(url).status_code == 200
    client.post(url, {"note": "x"})
    assert ProofMethod.objects.get(code="sms_code").note != "x"


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_records_the_method_that_happened():
    """Proofs recorded as kiosk or online "face recognition" become the SMS code and the online login."""
    from workflow.models import Case

    pension = make_pensioner()
    case = Case.objects.create(number="X1", tracking_code="T" * 16, service_id=_proof_service_id(),
                               person=pension.person, channel="kiosk", accepted_office_id=_office_id(),
                               accepted_by=system_user(), jurisdiction_office_id=_office_id(),
                               accepted_at=timezone.now(), result={"method": "kiosk", "next_due": "2027-01-01"})
    executor = MigrationExecutor(connection)
    before = [("insurance", "0005_pension_status_being_paid")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("insurance", "ProofOfLife")
    for method in ("kiosk", "online", "counter", "home_visit"):
        old.objects.create(pension_id=pension.pk, method=method, proved_at=timezone.now(),
                           recorded_by_id=system_user().pk)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert sorted(ProofOfLife.objects.values_list("method", flat=True)) == [
        "home_visit", "id_card", "online_account", "sms_code"]
    assert Case.objects.get(pk=case.pk).result["method"] == "sms_code"
    assert ProofMethod.objects.filter(counts=True).count() == 6  # the four, and the photo and silent ones (0013)


def _proof_service_id() -> int:
    from workflow.models import ServiceType

    return ServiceType.objects.get(code="insurance.proof_of_life").pk


def _office_id() -> int:
    from accounts.models import Office

    return Office.objects.get(code="HALL-370523").pk
