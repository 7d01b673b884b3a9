"""No proof of life is called face recognition unless a face-recognition service answered (issue 14): not in the
catalogue, the templates, the demo, nor any page a role opens; the review page names the service and its score
only once it answered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from insurance.models import ProofPhoto
from insurance.services import card_apply, proof_photo_face_checks, proof_photo_submit
from tests.insurance.proof_support import image_bytes, jpeg, make_pension
from tests.support.site import page_context, pages_for

pytestmark = pytest.mark.django_db

FACE = re.compile(r"人脸识别|刷脸|face[\s-]*recogni", re.IGNORECASE)
ROOT = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_catalogue_names_no_face_recognition_in_either_language():
    from workflow.models import ServiceType
    from workflow.registry import registry

    for language in ("zh-hans", "en"):
        with translation.override(language):
            for spec in registry.all():
                text = " ".join(str(part) for part in (spec.name, spec.description,
                                                       *(m.name for m in spec.materials)))
                assert not FACE.search(text), (spec.code, text)
    for row in ServiceType.objects.all():
        assert not FACE.search(" ".join(str(v) for v in row.__dict__.values() if isinstance(v, str))), row.code


def test_no_template_demo_or_catalogue_source_says_it_outside_an_answered_face_service():
    sources = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/demo.py"), *ROOT.glob("*/*/demo.py"),
               *ROOT.glob("*/catalogue/*.py"), *ROOT.glob("*/catalogue.py")]
    assert len(sources) > 50
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if FACE.search(line):
                # The one place allowed: the review page, under the service's answer.
                assert path.name == "proof_photo_detail.html" and "{% if photo.face_answered %}" in line, (
                    f"{path.relative_to(ROOT)}:{number}: {line.strip()}")


@pytest.mark.slow
def test_no_page_any_role_opens_says_it(client, users):
    ctx = page_context(users)
    pension = make_pension(phone="13800000088")
    proof_photo_submit(person=pension.person, upload=jpeg(), actor=users["resident"],
                       channel=ProofPhoto.Channel.ONLINE)
    checked = 0
    for role in ("reviewer", "head", "clerk", "resident", "leader"):
        client.logout()
        client.force_login(ctx[role])
        for url in pages_for(role, ctx):
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            page = response.content.decode()
            assert not FACE.search(page), f"{role} {url}: {FACE.search(page).group(0)}"
            checked += 1
    assert checked > 60


def test_the_review_page_names_the_service_only_once_it_answered(client, users, settings):
    pension = make_pension()
    card = card_apply(person=pension.person, actor=users["clerk"])
    card.photo.save("card.jpg", ContentFile(image_bytes(color=(1, 2, 3))), save=True)
    settings.PROOF_FACE_PROVIDER = "fake"
    photo = proof_photo_submit(person=pension.person, upload=jpeg(), actor=users["resident"],
                               channel=ProofPhoto.Channel.ONLINE)
    client.force_login(users["reviewer"])
    url = reverse("insurance:proof-photo-detail", args=[photo.pk])
    assert not FACE.search(client.get(url).content.decode())  # asked, not answered yet
    assert not FACE.search(client.get(reverse("insurance:proof-photo-list")).content.decode())
    proof_photo_face_checks()
    page = client.get(url).content.decode()
    assert "人脸识别服务" in page and 'id="face-score"' in page
