"""Proof of life by photo (issue 14): sent from a phone or a kiosk, reviewed beside the card photo, confirmed or
refused with a reason sent by SMS; hostile uploads refused with nothing stored; the photos only to reviewers,
every read in the access log; a face-comparison score only when a service answered."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from insurance.exceptions import InsuranceError
from insurance.models import Card, Pension, ProofOfLife, ProofPhoto
from insurance.services import (
    card_apply,
    proof_photo_confirm,
    proof_photo_face_checks,
    proof_photo_refuse,
    proof_photo_submit,
)
from tests.insurance.helpers import apply
from tests.insurance.proof_support import hostile, image_bytes, jpeg, make_pension, media_files
from workflow.models import OutboundMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _send(pension, users, **kwargs):
    return proof_photo_submit(person=pension.person, upload=jpeg(**kwargs), actor=users["resident"],
                              channel=ProofPhoto.Channel.ONLINE)


def test_at_a_window_the_clerk_and_the_hall_witness_it(users, client):
    pension = make_pension()
    apply("insurance.proof_of_life", actor=users["clerk"], person=pension.person, method="id_card")
    proof = ProofOfLife.objects.get(pension=pension)
    assert proof.method_id == "id_card" and proof.recorded_by == users["clerk"]
    assert proof.office == users["clerk"].office and proof.office.kind == "hall"
    assert proof.evidence_kind == "" and not ProofPhoto.objects.exists()
    client.force_login(users["reviewer"])
    page = client.get(reverse("insurance:person-records", args=[pension.person_id])).content.decode()
    assert f"办理地点：{proof.office.name}" in page and "窗口当面核验身份证" in page


def test_a_photo_waits_for_review_and_a_confirmation_records_a_photo_proof(users, media):
    pension = make_pension()
    Pension.objects.filter(pk=pension.pk).update(last_proof_on=date(2025, 12, 20), next_proof_due=date(2026, 12, 20))
    photo = _send(pension, users)
    assert photo.status == "pending" and photo.content_type == "image/jpeg" and photo.face_state == ""
    assert photo.photo.name.startswith("proof-photos/") and "me" not in photo.photo.name.rsplit("/", 1)[1]
    assert not ProofOfLife.objects.filter(pension=pension).exists()  # nothing proved before a reviewer decides
    with pytest.raises(InsuranceError, match="审核中"):  # one photo waits at a time
        _send(pension, users)
    proof_photo_confirm(photo=photo, actor=users["reviewer"])
    photo.refresh_from_db()
    proof = ProofOfLife.objects.get(pension=pension)
    assert (photo.status, photo.reviewer, photo.proof) == ("confirmed", users["reviewer"], proof)
    assert proof.method_id == "photo" and proof.recorded_by == users["reviewer"]
    pension.refresh_from_db()
    assert pension.last_proof_on == timezone.localdate() and pension.next_proof_due > date(2026, 12, 20)
    sms = OutboundMessage.objects.get(key=f"insurance:proof-photo-confirmed:{photo.pk}")
    assert "照片已审核通过" in sms.body and pension.person.phone == sms.phone
    with pytest.raises(InsuranceError):
        proof_photo_refuse(photo=photo, actor=users["reviewer"], reason="迟了")


def test_a_refusal_needs_a_reason_which_the_pensioner_is_sent(users):
    pension = make_pension()
    photo = _send(pension, users)
    with pytest.raises(InsuranceError, match="原因"):
        proof_photo_refuse(photo=photo, actor=users["reviewer"], reason="  ")
    proof_photo_refuse(photo=photo, actor=users["reviewer"], reason="照片模糊，看不清面部")
    photo.refresh_from_db()
    assert photo.status == "refused" and photo.refusal_reason == "照片模糊，看不清面部" and photo.proof is None
    assert not ProofOfLife.objects.filter(pension=pension).exists()
    sms = OutboundMessage.objects.get(key=f"insurance:proof-photo-refused:{photo.pk}")
    assert "照片模糊，看不清面部" in sms.body and "未通过审核" in sms.body
    _send(pension, users)  # a new photo may follow


@pytest.mark.parametrize("kind", ["not an image", "wrong type", "damaged", "huge"])
def test_hostile_uploads_are_refused_with_a_clear_message_and_nothing_stored(users, media, kind):
    pension = make_pension()
    with pytest.raises(InsuranceError) as refused:
        proof_photo_submit(person=pension.person, upload=hostile()[kind], actor=users["resident"],
                           channel=ProofPhoto.Channel.ONLINE)
    assert any(word in str(refused.value.message) for word in ("JPG", "损坏", "超过"))
    assert not ProofPhoto.objects.exists() and media_files(media) == []


def test_the_resident_page_takes_a_photo_and_refuses_a_hostile_one(client, users, media):
    pension = make_pension()
    resident = users["resident"]
    resident.person = pension.person
    resident.save(update_fields=["person"])
    client.force_login(resident)
    assert 'id="go-proof-photo"' in client.get(reverse("portal:resident-home")).content.decode()
    url = reverse("resident:proof-photo")
    page = client.get(url).content.decode()
    assert 'capture="user"' in page and 'accept="image/*"' in page and "人脸" not in page
    answer = client.post(url, {"photo": hostile()["not an image"]}, follow=True).content.decode()
    assert "仅接受 JPG 或 PNG 格式的照片" in answer and not ProofPhoto.objects.exists() and media_files(media) == []
    answer = client.post(url, {"photo": hostile()["huge"]}, follow=True).content.decode()
    assert "超过 5 MB" in answer and not ProofPhoto.objects.exists()
    answer = client.post(url, {"photo": jpeg()}, follow=True).content.decode()
    assert "照片已提交" in answer and "待审核" in answer
    assert ProofPhoto.objects.get().channel == "online"


def test_the_kiosk_sends_its_camera_s_photo_to_the_queue_with_its_hall(client, demo, users):
    from accounts.models import Office
    from counter.services import hall_screen_ensure
    from tests.kiosk.conftest import identify, url

    hall = Office.objects.get(code="HALL-370523")
    key = hall_screen_ensure(hall=hall).token
    pension = make_pension(phone="13800000019")
    identify(client, key, pension.person)
    page = client.get(url("proof", key)).content.decode()
    assert 'id="kiosk-photo-form"' in page and 'capture="user"' in page
    answer = client.post(url("proof-photo", key), {"photo": hostile()["wrong type"]}, follow=True)
    assert "仅接受 JPG 或 PNG 格式的照片" in answer.content.decode() and not ProofPhoto.objects.exists()
    answer = client.post(url("proof-photo", key), {"photo": jpeg()}, follow=True).content.decode()
    assert "照片已提交" in answer
    photo = ProofPhoto.objects.get()
    assert (photo.channel, photo.office) == ("kiosk", hall)


def _card_with_photo(person, actor) -> Card:
    card = card_apply(person=person, actor=actor)
    card.photo.save("card.jpg", ContentFile(image_bytes(color=(10, 20, 30))), save=True)
    return card


def test_the_queue_shows_each_photo_beside_the_card_photo_or_says_there_is_none(
        client, users, django_assert_max_num_queries):
    pensions = [make_pension(phone=f"1380000010{i}") for i in range(4)]
    for pension in pensions:
        _send(pension, users)
    _card_with_photo(pensions[0].person, users["clerk"])
    client.force_login(users["reviewer"])
    # The user, two-factor device, permissions, office and region; count, photos with their pensioner, cards with a
    # photo; the access log; the session's savepoint and update.
    with django_assert_max_num_queries(13):
        page = client.get(reverse("insurance:proof-photo-list")).content.decode()
    assert page.count("无社保卡留存照片") == 3 and "已留存" in page and "人脸" not in page
    more = [make_pension(phone=f"1380000020{i}") for i in range(6)]
    for pension in more:
        _send(pension, users)
    with django_assert_max_num_queries(13):  # the same whatever the number of rows
        client.get(reverse("insurance:proof-photo-list"))

    first = ProofPhoto.objects.get(pension=pensions[0])
    logged = AccessLogEntry.objects.count()
    detail = client.get(reverse("insurance:proof-photo-detail", args=[first.pk])).content.decode()
    assert 'id="card-photo"' in detail and 'id="sent-photo"' in detail and "人脸" not in detail
    image = client.get(reverse("insurance:proof-photo-image", args=[first.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content).startswith(b"\xff\xd8\xff")
    assert image["Cache-Control"] == "private, no-store"
    card = client.get(reverse("insurance:proof-photo-card-image", args=[first.pk]))
    assert card.status_code == 200
    assert AccessLogEntry.objects.count() == logged + 3  # the page and both photos, each a read of the person
    other = ProofPhoto.objects.get(pension=pensions[1])
    assert 'id="no-card-photo"' in client.get(reverse("insurance:proof-photo-detail", args=[other.pk])).content.decode()
    assert client.get(reverse("insurance:proof-photo-card-image", args=[other.pk])).status_code == 404


def test_the_reviewer_decides_on_the_page(client, users):
    pension = make_pension()
    photo = _send(pension, users)
    client.force_login(users["reviewer"])
    url = reverse("insurance:proof-photo-detail", args=[photo.pk])
    answer = client.post(url, {"decision": "refuse", "reason": ""}, follow=True).content.decode()
    assert "请填写原因" in answer and ProofPhoto.objects.get().status == "pending"
    client.post(url, {"decision": "confirm"})
    assert ProofPhoto.objects.get().status == "confirmed"
    assert ProofOfLife.objects.get(pension=pension).method_id == "photo"


def test_the_photo_is_not_served_to_anyone_else(client, users):
    photo = _send(make_pension(), users)
    for role in ("resident", "clerk", "employer_admin"):
        client.force_login(users[role])
        assert client.get(reverse("insurance:proof-photo-image", args=[photo.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("insurance:proof-photo-image", args=[photo.pk])).status_code == 302
    # Another district's back office does not see it at all.
    client.force_login(users["reviewer2"])
    answer = client.get(reverse("insurance:proof-photo-image", args=[photo.pk])).status_code
    assert answer in (404, 403)


def test_no_face_score_without_a_service_and_the_score_as_given_when_one_answers(client, users, settings):
    pension = make_pension()
    _card_with_photo(pension.person, users["clerk"])
    photo = _send(pension, users)
    assert photo.face_state == "" and proof_photo_face_checks() == 0  # off by default: nothing asked

    proof_photo_refuse(photo=photo, actor=users["reviewer"], reason="重拍")
    settings.PROOF_FACE_PROVIDER = "fake"
    settings.PROOF_FACE_FAKE_DOWN = True
    photo = _send(pension, users)
    assert photo.face_state == "pending"
    assert proof_photo_face_checks() == 0  # the service is down: the photo goes on waiting, still reviewable
    client.force_login(users["reviewer"])
    url = reverse("insurance:proof-photo-detail", args=[photo.pk])
    assert "人脸" not in client.get(url).content.decode()
    settings.PROOF_FACE_FAKE_DOWN = False
    assert proof_photo_face_checks() == 1 and proof_photo_face_checks() == 0  # asked once it answers, not again
    photo.refresh_from_db()
    assert photo.face_state == "answered" and photo.face_provider == "fake" and photo.face_score is not None
    page = client.get(url).content.decode()
    assert "人脸识别服务" in page and f"{photo.face_score}" in page and "不是审核结论" in page
