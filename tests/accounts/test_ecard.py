"""The electronic social-security card's code: it identifies its person once within 60 seconds; an expired, used,
altered, foreign or garbled code identifies no one, with a message that says why, and records nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import signing
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts import ecard
from accounts.ecard import ECardRefused, ecard_issue, ecard_read, ecard_redeem
from accounts.models import ECardUse, Office
from tests.factories import PersonFactory


@pytest.fixture
def clerk(users):
    return users["clerk"]


def redeem(content, clerk, now=None):
    return ecard_redeem(content=content, actor=clerk, channel=ECardUse.Channel.COUNTER, office=clerk.office,
                        ticket="A001", now=now)


def refused_code(content, clerk, now=None) -> str:
    with pytest.raises(ECardRefused) as caught:
        redeem(content, clerk, now)
    assert caught.value.message  # a sentence for the clerk, never empty
    return caught.value.code


@pytest.mark.django_db
def test_a_code_identifies_its_person_once_and_records_how_where_and_by_whom(clerk):
    person = PersonFactory()
    code = ecard_issue(person=person)
    assert code.content.startswith(ecard.PREFIX) and person.id_number not in code.content
    assert (code.expires_at - code.issued_at) == timedelta(seconds=60)
    assert redeem(code.content, clerk) == person
    use = ECardUse.objects.get()
    assert (use.person, use.used_by, use.office, use.channel, use.ticket) == (
        person, clerk, clerk.office, "counter", "A001")


@pytest.mark.django_db
def test_valid_for_60_seconds_and_refused_at_61(clerk):
    person = PersonFactory()
    now = timezone.now().replace(microsecond=0)
    fresh, stale = ecard_issue(person=person, now=now), ecard_issue(person=person, now=now)
    assert redeem(fresh.content, clerk, now=now + timedelta(seconds=60)) == person
    assert refused_code(stale.content, clerk, now=now + timedelta(seconds=61)) == "expired"
    assert ECardUse.objects.count() == 1


@pytest.mark.django_db
def test_a_used_code_is_refused_the_second_time(clerk):
    code = ecard_issue(person=PersonFactory())
    redeem(code.content, clerk)
    assert refused_code(code.content, clerk) == "reused"
    assert ECardUse.objects.count() == 1


@pytest.mark.django_db
def test_an_altered_code_is_refused(clerk):
    person, other = PersonFactory(), PersonFactory()
    content = ecard_issue(person=person).content
    payload, signature = content[len(ecard.PREFIX):].rsplit(":", 1)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    moved_to_other = ecard.PREFIX + payload.replace(f"{person.pk}.", f"{other.pk}.", 1) + ":" + signature
    for altered in (ecard.PREFIX + payload + ":" + flipped, moved_to_other, content[:-3], content + "x"):
        assert refused_code(altered, clerk) == "forged"
    assert not ECardUse.objects.exists()


@pytest.mark.django_db
def test_another_persons_signature_or_another_purposes_signature_is_refused(clerk):
    person, other = PersonFactory(), PersonFactory()
    mine = ecard_issue(person=person).content[len(ecard.PREFIX):].rsplit(":", 1)[0]
    theirs = ecard_issue(person=other).content.rsplit(":", 1)[1]
    assert refused_code(ecard.PREFIX + mine + ":" + theirs, clerk) == "forged"
    # Signed by the site for another purpose (another salt), or with another key: not a card.
    for signer in (signing.Signer(salt="accounts.other"), signing.Signer(key="not-the-portal-key", salt=ecard.SALT)):
        assert refused_code(ecard.PREFIX + signer.sign(mine), clerk) == "forged"
    assert not ECardUse.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("garbage", [
    "", "   ", "DYECARD1:", "DYECARD1:abc", "DYECARD1:1.2.3:xyz", "DYECARD1:::", "dyecard1:x.y.z:w",
    "DYECARD1:" + "A" * 500, "DYECARD1:１２.三:四", "DYECARD1:\x00", "370502198001010011", "https://example.com/",
])
def test_garbage_is_refused_with_a_message(clerk, garbage):
    assert refused_code(garbage, clerk) in {"format", "forged"}
    assert not ECardUse.objects.exists()


@pytest.mark.django_db
def test_a_well_signed_code_with_a_bad_inside_is_refused(clerk):
    """What only the key's holder could make, still never a 500: no nonce, a person id that is not a number, a
    time from the future."""
    signer = signing.Signer(salt=ecard.SALT)
    future = signing.b62_encode(int((timezone.now() + timedelta(minutes=5)).timestamp()))
    now62 = signing.b62_encode(int(timezone.now().timestamp()))
    for payload in (f"1..{now62}", f"x.nonce.{now62}", f"1.nonce.{future}", "1.nonce.!!", "1.nonce"):
        assert refused_code(ecard.PREFIX + signer.sign(payload), clerk) == "forged"


@pytest.mark.django_db
def test_a_code_of_a_person_no_longer_registered_is_refused(clerk):
    person = PersonFactory()
    content = ecard_issue(person=person).content
    person.delete()
    assert refused_code(content, clerk) == "unknown"


@pytest.mark.django_db
def test_no_code_for_a_deceased_person_and_none_identifies_them(clerk):
    person = PersonFactory()
    content = ecard_issue(person=person).content
    person.date_of_death = date.today() - timedelta(days=1)
    person.save()
    assert refused_code(content, clerk) == "deceased"
    with pytest.raises(ECardRefused) as caught:
        ecard_issue(person=person)
    assert caught.value.code == "deceased"
    assert not ECardUse.objects.exists()


def test_reading_checks_without_the_database():
    with pytest.raises(ECardRefused):
        ecard_read("DYECARD1:" + signing.Signer(salt=ecard.SALT).sign("1.n." + signing.b62_encode(0)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=st.text(max_size=200))
def test_any_text_after_the_prefix_is_refused_never_an_error(tail):
    with pytest.raises(ECardRefused):
        ecard_read(ecard.PREFIX + tail)


@pytest.mark.django_db
def test_the_office_recorded_is_the_one_given(clerk):
    person, hall = PersonFactory(), Office.objects.filter(kind=Office.Kind.HALL).exclude(pk=clerk.office_id).first()
    ecard_redeem(content=ecard_issue(person=person).content, actor=None, channel=ECardUse.Channel.KIOSK, office=hall)
    assert ECardUse.objects.get().office == hall


@pytest.mark.django_db
def test_the_admin_lists_the_uses_read_only_without_the_nonce(client, users, clerk):
    from django.urls import reverse

    person = PersonFactory()
    redeem(ecard_issue(person=person).content, clerk)
    use = ECardUse.objects.get()
    client.force_login(users["admin"])
    page = client.get(reverse("admin:accounts_ecarduse_changelist"))
    assert page.status_code == 200 and person.name in page.content.decode()
    detail = client.get(reverse("admin:accounts_ecarduse_change", args=[use.pk]))
    assert detail.status_code == 200 and use.nonce not in detail.content.decode()
    assert client.post(reverse("admin:accounts_ecarduse_delete", args=[use.pk])).status_code == 403
