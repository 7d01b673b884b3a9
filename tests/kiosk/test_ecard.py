"""The kiosk takes the QR code of a person's electronic social-security card, read by its scanner into the
identity-number box: identified at once (no SMS), once per code; a refused code says why and counts as a failed
attempt. A person identified so is not offered the kiosk's proof of life, which records the SMS code."""

from __future__ import annotations

import pytest

from accounts.ecard import ecard_issue
from accounts.models import ECardUse
from insurance.models import ProofOfLife
from tests.kiosk.conftest import url
from tests.support.text import visible_text
from workflow.models import OutboundMessage

pytestmark = pytest.mark.django_db


def test_a_scanned_e_card_identifies_the_person_without_an_sms(client, key, hall, person):
    response = client.post(url("identify", key), {"id_number": ecard_issue(person=person).content})
    assert response.status_code == 302 and response["Location"] == url("home", key)
    home = client.get(url("home", key)).content.decode()
    assert person.masked_name in home and person.id_number not in home
    assert not OutboundMessage.objects.filter(phone=person.phone).exists()
    use = ECardUse.objects.get()
    assert (use.person, use.channel, use.office, use.used_by.username) == (person, "kiosk", hall, "kiosk-hall-370523")


def test_a_used_or_forged_code_is_refused_and_identifies_no_one(client, key, person):
    content = ecard_issue(person=person).content
    client.post(url("identify", key), {"id_number": content})
    client.post(url("logout", key))
    again = client.post(url("identify", key), {"id_number": content})
    assert again.status_code == 400 and "此电子社保卡二维码已使用过" in visible_text(again.content)
    forged = client.post(url("identify", key), {"id_number": content[:-4] + "AAAA"})
    assert forged.status_code == 400 and "这不是有效的电子社保卡二维码" in visible_text(forged.content)
    assert person.masked_name not in client.get(url("home", key)).content.decode()
    assert ECardUse.objects.count() == 1


def test_a_pensioner_identified_by_e_card_is_sent_to_the_sms_way_for_proof_of_life(client, key, pensioner):
    client.post(url("identify", key), {"id_number": ecard_issue(person=pensioner).content})
    assert url("proof", key) not in client.get(url("home", key)).content.decode()
    for method in ("get", "post"):
        response = getattr(client, method)(url("proof", key))
        assert response.status_code == 302 and response["Location"] == url("home", key)
    assert "请退出后用身份证号码和手机验证码核验身份" in visible_text(client.get(url("home", key)).content)
    assert not ProofOfLife.objects.filter(pension__person=pensioner).exists()


def test_the_identity_number_is_still_checked_as_before(client, key):
    response = client.post(url("identify", key), {"id_number": "370503198001010000"})
    assert response.status_code == 400 and "校验" in visible_text(response.content)
