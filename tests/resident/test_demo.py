"""The demo as the README's tour tells it (issue 11, items 17-19 and 27 on the demo data): the demo resident, a
pensioner, has cases in several states, one waiting for material she uploads and hands in; her records, the
booking form and her proof of life tell the truth; the city's demo cases cover many businesses; and a second
run of seed_demo changes nothing.

The demo is seeded once for this module (tests/conftest.py seeded_demo), inside a transaction rolled back at
its end (each test runs in a savepoint of its own), since seeding takes a while."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from accounts.models import User
from insurance.models import Pension, ProofOfLife
from workflow.models import Case, CaseEvent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def resident(seeded_demo, db) -> User:
    return User.objects.filter(kind=User.Kind.RESIDENT).select_related("person").order_by("pk").first()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _counts() -> dict:
    from counter.models import Appointment
    from insurance.models import Card, Contribution, Enrolment

    return {m.__name__: m.objects.count() for m in (Case, CaseEvent, ProofOfLife, Card, Contribution, Enrolment,
                                                     Pension, Appointment)}


def test_a_second_run_changes_nothing(seeded_demo, db):
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first


def test_the_demo_resident_has_cases_in_several_states_one_waiting_for_her(resident):
    cases = Case.objects.filter(person=resident.person)
    assert {"supplement_requested", "routed", "completed"} <= set(cases.values_list("status", flat=True))
    assert cases.values("service").distinct().count() >= 4
    assert {"online", "counter", "kiosk"} <= set(cases.values_list("channel", flat=True))


def test_the_readme_tour_my_cases_upload_the_requested_material(client, resident):
    client.force_login(resident)
    listing = client.get(reverse("resident:cases")).content.decode()
    assert "待补正材料" in listing and "经办机构正在等待您补充材料" in listing
    waiting = Case.objects.get(person=resident.person, status="supplement_requested")
    page = client.get(reverse("resident:case-detail", args=[waiting.number])).content.decode()
    assert "请上传出院小结" in page and 'name="file"' in page
    client.post(reverse("resident:case-upload", args=[waiting.number]),
                {"material": "discharge", "file": SimpleUploadedFile("出院记录.pdf", PDF)})
    client.post(reverse("resident:case-hand-in", args=[waiting.number]))
    waiting.refresh_from_db()
    assert waiting.status == "in_review" and waiting.materials_missing == []


def test_the_demo_resident_s_records_say_she_is_retired_with_months_on_record(client, resident):
    client.force_login(resident)
    page = client.get(reverse("resident:records")).content.decode()
    assert "暂无您的缴费记录" not in page and ">未参保。<" not in page
    assert "已退休，自" in page and "由原系统转入" in page
    pension = page.split('id="section-insurance_pension"')[1].split("</section>")[0]
    assert "正常发放" in pension and "已缴" not in pension and "本人手机验证码" in pension


def test_the_demo_resident_is_offered_only_her_own_business(client, resident):
    client.force_login(resident)
    choices = client.get(reverse("resident:appointment-book")).content.decode().split('name="service"')[1]
    choices = choices.split("</select>")[0]
    for name in ("单位批量申领社会保障卡", "职工参保登记", "工伤快报", "已缴费申报更正", "失业保险金申领",
                 "职业培训补贴"):
        assert name not in choices, name
    catalogue = client.get(reverse("resident:apply")).content.decode()
    assert "失业保险金申领" not in catalogue and "养老金领取资格认证" in catalogue


def test_her_proof_of_life_at_the_kiosk_names_the_code_sent_to_her_phone(resident):
    proof = ProofOfLife.objects.get(pension__person=resident.person)
    assert proof.method_id == "sms_code" and proof.case.channel == "kiosk"


def test_the_city_s_demo_cases_cover_many_businesses(seeded_demo, db):
    staff_cases = Case.objects.exclude(person__login__isnull=False).filter(
        accepted_by__username__in=["clerk", "clerk2"])
    per_service = dict(staff_cases.values_list("service__code").annotate(n=Count("pk")))
    assert len(per_service) >= 6, per_service
    assert per_service.get("insurance.reimbursement", 0) <= sum(per_service.values()) / 2, per_service
    open_cases = Case.objects.filter(status__in=["routed", "in_review", "supplement_requested"])
    assert open_cases.values("service").distinct().count() >= 4
    assert Case.objects.filter(status="routed", jurisdiction_office__code="BACK-370503").exists()
