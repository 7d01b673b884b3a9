"""The payment-batch pages as staff use them (in Chinese): prepare, release by another, download the file,
import the return file; hostile uploads answered with a message and nothing changed; the pages' queries do not
grow with the batch."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employment.models import AccountCorrection, BatchLine, Payment, PaymentBatch
from tests.employment.batch_helpers import account, bank_return, benefit_payment, released_batch
from tests.factories import PersonFactory

pytestmark = pytest.mark.usefixtures("test_services")


@pytest.fixture(autouse=True)
def english():
    """These tests read the pages as staff do: in Chinese (overrides the folder's English default)."""
    yield


def _due(users, n: int) -> list[Payment]:
    payments = []
    for _ in range(n):
        person = PersonFactory()
        account(person, users["reviewer"])
        payments.append(benefit_payment(person, users["clerk"], Decimal("1200.00")))
    return payments


def _text(response) -> str:
    return response.content.decode()


def test_prepare_release_download_and_import_through_the_pages(client, users):
    payments = _due(users, 3)
    client.force_login(users["reviewer"])
    response = client.post(reverse("employment:batch-prepare"), {"bank": "ICBC", "month": f"{payments[0].month:%Y-%m}"},
                           follow=True)
    batch = PaymentBatch.objects.get()
    assert batch.number in _text(response) and "须由另一名工作人员复核发放" in _text(response)
    assert "复核并发送银行" not in _text(response)  # the preparer is offered no release button
    response = client.post(reverse("employment:batch-release", args=[batch.number]), follow=True)
    assert response.status_code == 403  # a reviewer may not release at all

    client.force_login(users["head"])
    response = client.post(reverse("employment:batch-release", args=[batch.number]), follow=True)
    assert f"批次 {batch.number} 已复核发放" in _text(response)
    batch.refresh_from_db()
    assert (batch.status, batch.released_by) == ("released", users["head"])
    file = client.get(reverse("employment:batch-export", args=[batch.number]))
    assert file["Content-Disposition"] == f'attachment; filename="{batch.number}.csv"'
    assert file.content.decode().startswith(f"H,DYPAY1,{batch.number},ICBC,")

    client.force_login(users["reviewer"])
    data = bank_return(batch, failed={payments[1].reference: ("ACCOUNT_CLOSED", "账户已销户")})
    url = reverse("employment:batch-return", args=[batch.number])
    response = client.post(url, {"file": SimpleUploadedFile("ret.csv", data)}, follow=True)
    assert "成功 2 笔，失败 1 笔" in _text(response) and "账户已销户" in _text(response)
    assert sorted(BatchLine.objects.values_list("result", flat=True)) == ["failed", "paid", "paid"]
    response = client.post(url, {"file": SimpleUploadedFile("ret.csv", data)}, follow=True)
    assert "本次没有任何更改" in _text(response)
    assert sorted(BatchLine.objects.values_list("result", flat=True)) == ["failed", "paid", "paid"]

    response = client.get(reverse("employment:correction-list"))
    assert payments[1].reference in _text(response)
    response = client.post(reverse("employment:payee-account"), {
        "payee": payments[1].person.id_number, "bank": "CCB", "number": "6217000011112222333",
        "holder_name": payments[1].person.name}, follow=True)
    assert AccountCorrection.objects.get().resolved_at is not None
    assert Payment.objects.get(pk=payments[1].pk).status == "pending"


@pytest.mark.parametrize(("data", "name", "words"), [
    (b"\x00\x01\x02garbage" * 100, "garbage.bin", "不是文本"),
    ("H,DYRET1,批次,ICBC\nT,0,0.00,x\n".encode("gb18030"), "gbk.csv", "不是 UTF-8 编码"),
    (b"H,DYRET1\n" + b"D,1,x,1.00,PAID,,,\n" * 400_000, "huge.csv", "文件大于 4 MB"),
    (b"", "empty.csv", "所提交的是空文件"),
    (b"just some words\n", "words.csv", "第一行必须是文件头"),
])
def test_a_hostile_upload_is_refused_with_a_message_and_nothing_changes(client, users, data, name, words):
    _due(users, 2)
    batch = released_batch(users["reviewer"], users["head"])
    client.force_login(users["reviewer"])
    response = client.post(reverse("employment:batch-return", args=[batch.number]),
                           {"file": SimpleUploadedFile(name, data)}, follow=True)
    assert response.status_code == 200
    assert "<li class=\"error\">" in _text(response) and words in _text(response)
    assert set(BatchLine.objects.values_list("result", flat=True)) == {"sent"}
    assert not batch.imports.exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_batch_pages_use_a_fixed_number_of_queries(client, users, django_assert_max_num_queries):
    _due(users, 3)
    small = released_batch(users["reviewer"], users["head"])
    _due(users, 30)
    large = released_batch(users["reviewer"], users["head"])
    client.force_login(users["head"])
    _queries(client, reverse("employment:batch-list"))  # the session and the menu, once
    detail = [_queries(client, reverse("employment:batch-detail", args=[b.number])) for b in (small, large)]
    assert detail[0] == detail[1]
    listing = _queries(client, reverse("employment:batch-list"))
    _due(users, 5)
    released_batch(users["reviewer"], users["head"])
    assert _queries(client, reverse("employment:batch-list")) == listing
    with django_assert_max_num_queries(16):
        client.get(reverse("employment:batch-detail", args=[large.number]))
    with django_assert_max_num_queries(14):
        client.get(reverse("employment:batch-list"))
