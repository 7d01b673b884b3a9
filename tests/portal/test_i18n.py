"""Chinese by default, English on request, and a complete Chinese catalogue (every string of the code and
the templates in it: test_catalogue.py)."""

from pathlib import Path

import polib
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _untranslated(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def test_the_chinese_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert len(po) > 100
    assert not _untranslated(po)


@pytest.mark.django_db
def test_pages_render_in_chinese_by_default_and_english_on_request(client):
    response = client.get(reverse("portal:home"))
    assert "东营市人力资源和社会保障" in response.content.decode()
    assert response["Content-Language"] == "zh-hans"
    client.post(reverse("portal:set-language"), {"language": "en", "next": "/"})
    response = client.get(reverse("portal:home"))
    assert "Dongying Human Resources and Social Security" in response.content.decode()


def test_validation_messages_are_translated():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from accounts.identifiers import parse_id_number

    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        parse_id_number("370502199002301234")
    with translation.override("zh-hans"):
        assert "出生日期" in str(exc.value.messages[0])


@pytest.mark.django_db
def test_the_language_link_switches_and_returns_to_the_page(client):
    response = client.get(reverse("portal:set-language"), {"language": "en"}, HTTP_REFERER="http://testserver/track/")
    assert response.status_code == 302 and response["Location"] == "http://testserver/track/"
    assert "Dongying Human Resources" in client.get(reverse("portal:home")).content.decode()
    evil = client.get(reverse("portal:set-language"), {"language": "zh-hans", "next": "https://evil.example/"})
    assert evil["Location"] == "/"


@pytest.mark.django_db
def test_public_pages_need_no_csrf_token(client):
    response = client.get(reverse("portal:home"))
    assert "csrfmiddlewaretoken" not in response.content.decode() and "csrftoken" not in response.cookies


@pytest.mark.django_db
def test_a_browser_asking_for_english_still_gets_chinese_until_the_user_chooses(client):
    page = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "东营市人力资源和社会保障" in page
    client.get(reverse("portal:set-language"), {"language": "en"})
    assert "Dongying Human Resources" in client.get(reverse("portal:home")).content.decode()
