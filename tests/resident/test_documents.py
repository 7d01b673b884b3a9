"""Material handed in online: PDF, JPG or PNG by their bytes, size-limited, stored under random names, handed in
to restart the clock; served only to who may see the case; anything refused leaves nothing behind."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.resident import rules
from workflow.models import Case, CaseDocument
from workflow.services import case_accept, case_approve, case_claim, case_request_supplement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_services")]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def image(fmt: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def waiting(users, make_resident):
    """A resident's case (河口区 decides it) for which the reviewer asked for the application form."""
    user = make_resident()
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=user.person,
                       data={"amount": "100.00"}, materials=["id_card"])
    case_claim(case=case, actor=users["reviewer"])
    case_request_supplement(case=case, actor=users["reviewer"], materials=["form"], note="申请表未签字")
    return user, case


def upload(client, case, name: str, content: bytes, material: str = "form", content_type="application/octet-stream"):
    return client.post(reverse("resident:case-upload", args=[case.number]),
                       {"material": material, "file": SimpleUploadedFile(name, content, content_type=content_type)},
                       follow=True)


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("申请表.pdf", PDF, "application/pdf"),
    ("photo.JPG", image("JPEG"), "image/jpeg"),
    ("scan.png", image("PNG"), "image/png"),
])
def test_a_resident_uploads_and_hands_in_requested_material(client, waiting, media, name, content, kind):
    user, case = waiting
    client.force_login(user)
    page = upload(client, case, name, content, content_type="text/plain").content.decode()
    assert "已上传" in page
    document = CaseDocument.objects.get(case=case)
    assert (document.content_type, document.size, document.original_name, document.material_code) == (
        kind, len(content), name, "form")
    files = stored_files(media)
    assert len(files) == 1 and files[0].read_bytes() == content
    assert name.rsplit(".", 1)[0] not in files[0].name  # a random name, not the applicant's
    assert files[0].suffix == {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[kind]

    client.post(reverse("resident:case-hand-in", args=[case.number]))
    case.refresh_from_db()
    assert case.status == Case.Status.IN_REVIEW and case.paused_at is None
    assert "form" in case.materials_received and case.materials_missing == []
    event = case.events.filter(kind="supplement_received").last()
    assert event.actor == user and "网上提交材料1份" in event.note


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200, "只接受PDF、JPG和PNG文件"),
    ("notes.txt", "就是一段文字".encode(), "只接受PDF、JPG和PNG文件"),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "文件已损坏"),
    ("cut.pdf", b"%PDF-1.7\n" + b"x" * 3000, "文件已损坏"),
    ("empty.pdf", b"", "空"),
])
def test_bad_files_are_refused_and_nothing_is_saved(client, waiting, media, name, content, reason):
    user, case = waiting
    client.force_login(user)
    page = upload(client, case, name, content, content_type="application/pdf").content.decode()
    assert reason in page
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_a_file_over_the_limit_is_refused(client, waiting, media, monkeypatch):
    monkeypatch.setattr(rules, "MAX_DOCUMENT_BYTES", 1000)
    user, case = waiting
    client.force_login(user)
    page = upload(client, case, "big.pdf", PDF + b"%" * 2000 + b"\n%%EOF").content.decode()
    assert "文件超过" in page
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_nothing_to_hand_in_before_an_upload(client, waiting):
    user, case = waiting
    client.force_login(user)
    page = client.post(reverse("resident:case-hand-in", args=[case.number]), follow=True).content.decode()
    assert "请先上传所需补充的材料" in page
    case.refresh_from_db()
    assert case.status == Case.Status.SUPPLEMENT_REQUESTED


def test_no_uploads_once_the_case_is_decided(client, users, waiting, media):
    user, case = waiting
    from workflow.services import case_supplement_received

    case_supplement_received(case=case, actor=users["reviewer"])
    case_approve(case=case, actor=users["reviewer"])
    client.force_login(user)
    page = upload(client, case, "late.pdf", PDF).content.decode()
    assert "只有在办件作出决定之前才能提交材料" in page
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_documents_are_served_only_to_who_may_see_the_case(client, users, waiting, make_resident):
    user, case = waiting
    client.force_login(user)
    upload(client, case, "申请表.pdf", PDF)
    document = CaseDocument.objects.get()
    url = reverse("resident:document", args=[case.number, document.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF and "no-store" in response["Cache-Control"]
    # The deciding office's reviewer opens it from the case page.
    client.force_login(users["reviewer"])
    back_office = client.get(case.get_absolute_url()).content.decode()
    assert url in back_office and "申请表.pdf" in back_office
    assert client.get(url).status_code == 200
    # Anyone else: another resident, a clerk of another hall, another district's reviewer, an employer.
    for other in (make_resident(), users["clerk2"], users["reviewer2"], users["employer_admin"]):
        client.force_login(other)
        assert client.get(url).status_code == 404, other
    client.logout()
    assert client.get(url).status_code == 302
    # The document's number must match its case: a right id under another case is not found.
    other_case = case_accept(service_code="test.timed", actor=user, channel="online", person=user.person,
                             data={"amount": "1.00"})
    client.force_login(user)
    assert client.get(reverse("resident:document", args=[other_case.number, document.pk])).status_code == 404


def test_another_residents_case_takes_no_uploads(client, waiting, make_resident, media):
    _user, case = waiting
    client.force_login(make_resident())
    response = upload(client, case, "x.pdf", PDF)
    assert response.status_code == 404
    assert client.post(reverse("resident:case-hand-in", args=[case.number])).status_code == 404
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_the_upload_form_offers_the_requested_material_first(client, waiting):
    user, case = waiting
    client.force_login(user)
    page = client.get(reverse("resident:case-detail", args=[case.number])).content.decode()
    form = page.split('id="upload-form"')[1].split("</form>")[0]
    assert form.index('value="form"') < form.index('value=""')
    assert '<option value="form" selected>' in form
    assert 'enctype="multipart/form-data"' in page and "申请表未签字" in page
