"""Card production batches: a hall sends only its own cards to the card maker, and only after confirming."""

import pytest
from django.urls import reverse

from accounts.models import Office
from insurance.exceptions import InsuranceError
from insurance.models import Card, CardBatch
from insurance.selectors.cards import cards_waiting_for_production
from insurance.services import card_apply, card_batch_create
from tests.factories import PersonFactory, region

pytestmark = pytest.mark.django_db


def hall(code: str) -> Office:
    return Office.objects.get(code=code)


def living_in(district: str):
    return PersonFactory(hukou_region=region(f"{district}001"), residence_region=region(f"{district}001"))


@pytest.fixture
def pending(system):
    """Cards waiting for production at two halls (and the city's hall): chosen on application, or with no hall
    chosen, which go to the hall nearest the holder's district."""
    guangrao, dongying, city = hall("HALL-370523"), hall("HALL-370502"), hall("HALL-370500")
    return {
        "guangrao": [card_apply(person=PersonFactory(), actor=system, hall=guangrao),
                     card_apply(person=living_in("370523"), actor=system)],
        "dongying": [card_apply(person=PersonFactory(), actor=system, hall=dongying),
                     card_apply(person=living_in("370502"), actor=system)],
        "city": [card_apply(person=living_in("370523"), actor=system, hall=city)],
    }


def _pks(cards) -> set[int]:
    return {card.pk for card in cards}


def test_each_halls_batch_holds_only_its_own_cards(users, pending):
    guangrao, dongying, city = hall("HALL-370523"), hall("HALL-370502"), hall("HALL-370500")
    batch = card_batch_create(actor=users["clerk"], hall=guangrao)
    sent = set(batch.cards.values_list("pk", flat=True))
    assert _pks(pending["guangrao"]) <= sent
    assert not sent & (_pks(pending["dongying"]) | _pks(pending["city"]))
    assert set(batch.cards.values_list("hall_id", flat=True)) <= {guangrao.pk, None}
    assert not cards_waiting_for_production(hall=guangrao).exists()
    # The other halls' cards still wait, for their own halls to send.
    waiting = _pks(pending["dongying"]) | _pks(pending["city"])
    assert set(Card.objects.filter(pk__in=waiting).values_list("status", flat=True)) == {Card.Status.APPLIED}
    other = card_batch_create(actor=users["clerk2"], hall=dongying)
    assert _pks(pending["dongying"]) <= set(other.cards.values_list("pk", flat=True))
    assert _pks(pending["city"]) <= set(card_batch_create(actor=users["clerk"], hall=city).cards.values_list(
        "pk", flat=True))


def test_a_card_with_no_hall_goes_to_the_district_hall_not_the_citys(pending):
    unchosen = pending["guangrao"][1]
    assert unchosen.hall is None
    assert cards_waiting_for_production(hall=hall("HALL-370523")).filter(pk=unchosen.pk).exists()
    for other in ("HALL-370500", "HALL-370502", "HALL-370503"):
        assert not cards_waiting_for_production(hall=hall(other)).filter(pk=unchosen.pk).exists()


def test_only_a_hall_sends_cards_and_an_empty_hall_is_told(users, pending):
    with pytest.raises(InsuranceError):
        card_batch_create(actor=users["head"], hall=users["head"].office)  # a back office
    card_batch_create(actor=users["clerk"], hall=hall("HALL-370523"))
    with pytest.raises(InsuranceError):
        card_batch_create(actor=users["clerk"], hall=hall("HALL-370523"))


def test_sending_to_production_is_confirmed_first(client, users, pending):
    client.force_login(users["clerk"])  # 广饶县
    waiting = cards_waiting_for_production(hall=users["clerk"].office).count()
    listing = client.get(reverse("insurance:card-list")).content.decode()
    assert f'id="cards-waiting">{waiting}<' in listing
    assert reverse("insurance:card-batch-confirm") in listing
    assert f'action="{reverse("insurance:card-batch-create")}"' not in listing  # no one-click send
    # A POST that did not come through the confirmation sends nothing: it goes to the confirmation.
    before = CardBatch.objects.count()
    for data in ({}, {"count": ""}, {"count": "-1"}, {"count": str(waiting + 5)}):
        response = client.post(reverse("insurance:card-batch-create"), data)
        assert response["Location"] == reverse("insurance:card-batch-confirm")
    assert CardBatch.objects.count() == before
    page = client.get(reverse("insurance:card-batch-confirm")).content.decode()
    assert f"在广饶县人社服务大厅领取的 {waiting} 份社保卡申领将作为一个批次送制卡" in page
    assert f'name="count" value="{waiting}"' in page and "确认送制卡" in page
    response = client.post(reverse("insurance:card-batch-create"), {"count": str(waiting)})
    batch = CardBatch.objects.latest("pk")
    assert response["Location"] == reverse("insurance:card-batch-detail", args=[batch.pk])
    assert batch.cards.count() == waiting and _pks(pending["guangrao"]) <= set(batch.cards.values_list("pk",
                                                                                                      flat=True))
    assert "本大厅没有待制卡的申领" in client.get(reverse("insurance:card-batch-confirm")).content.decode()


def test_a_back_office_cannot_send_cards(client, users, pending):
    client.force_login(users["head"])
    page = client.get(reverse("insurance:card-batch-confirm")).content.decode()
    assert "社保卡由领卡的服务大厅送制卡" in page and 'id="batch-confirm"' not in page
    client.post(reverse("insurance:card-batch-create"), {"count": "1"})
    assert not Card.objects.filter(pk__in=_pks(pending["guangrao"]), batch__isnull=False).exists()


def test_a_batch_belongs_to_its_hall_which_alone_sees_it_and_records_its_delivery(client, users, pending):
    """Another hall's clerk neither lists, opens nor delivers it; the district's head and the hall's tiles count
    only their own halls' cards."""
    from insurance.services import card_batch_deliver

    guangrao, dongying = hall("HALL-370523"), hall("HALL-370502")
    mine = card_batch_create(actor=users["clerk"], hall=guangrao)
    theirs = card_batch_create(actor=users["clerk2"], hall=dongying)
    assert (mine.hall, theirs.hall) == (guangrao, dongying)
    client.force_login(users["clerk"])
    listing = client.get(reverse("insurance:card-list"))
    assert [b.pk for b in listing.context["batches"]] == [mine.pk]
    assert listing.context["counts"]["in_production"] == mine.cards.count()
    assert client.get(reverse("insurance:card-batch-detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("insurance:card-batch-detail", args=[theirs.pk])).status_code == 404
    with pytest.raises(InsuranceError):
        card_batch_deliver(batch=theirs, actor=users["clerk"], hall=guangrao)
    page = client.get(reverse("insurance:card-batch-detail", args=[mine.pk])).content.decode()
    assert 'name="hall"' not in page  # it arrives where it was sent from
    client.post(reverse("insurance:card-batch-detail", args=[mine.pk]))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("delivered", "in_production")
    assert set(mine.cards.values_list("status", flat=True)) == {"ready"}


def test_a_cards_history_records_why_it_changed_in_chinese_whatever_the_language(users, system):
    """The history is read by the bureau later: its reasons are in the record language, not the request's."""
    from django.utils import translation

    from insurance.services import card_activate, card_batch_deliver, card_issue

    guangrao = hall("HALL-370523")
    with translation.override("en"):
        card = card_apply(person=PersonFactory(), actor=system, hall=guangrao)
        batch = card_batch_create(actor=users["clerk"], hall=guangrao)
        card_batch_deliver(batch=batch, actor=users["clerk"], hall=guangrao)
        card_issue(card=Card.objects.get(pk=card.pk), actor=users["clerk"])
        card_activate(person=card.person, actor=users["clerk"])
    reasons = list(Card.history.filter(id=card.pk).order_by("history_date", "history_id")
                   .values_list("history_change_reason", flat=True))
    assert reasons == ["申领社会保障卡", "送制卡", "制卡完成，待领取", "已发放给持卡人", "社会保障卡已启用"]
