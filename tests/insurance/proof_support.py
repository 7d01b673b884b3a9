"""Helpers of the proof-of-life tests (issue 14): pensioners, photos good and hostile, a case written directly."""

from __future__ import annotations

import io
import itertools
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import PersonFactory, region

_births = itertools.count()


def make_pension(*, phone="13800000009", community="370503001"):
    from accounts.services import system_user
    from insurance.models import CarriedOverRecord
    from insurance.rules.months import add_months
    from insurance.services import pension_grant

    # A birth month of its own (the factory's numbers repeat within a day after five persons), retired at 60.
    back = next(_births) % 120
    person = PersonFactory(birth=add_months(date(1960, 3, 1), -back), sex_code="M", phone=phone,
                           hukou_region=region(community), residence_region=region(community))
    CarriedOverRecord.objects.create(person=person, through_month=date(2019, 12, 1), pension_months=360,
                                     average_index=Decimal("1.1"), account_balance=Decimal("90000"))
    return pension_grant(person=person, actor=system_user(), retirement_date=add_months(date(2020, 3, 1), -back),
                         group="male")


def image_bytes(fmt="JPEG", size=(120, 160), color=(200, 150, 120)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def jpeg(name="me.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")


def hostile() -> dict[str, SimpleUploadedFile]:
    """Uploads that must be refused with a clear message: not an image, a GIF, a truncated JPEG, a huge file."""
    real = image_bytes()
    return {
        "not an image": SimpleUploadedFile("me.jpg", b"#!/bin/sh\necho not a photo\n" * 20, "image/jpeg"),
        "wrong type": SimpleUploadedFile("me.gif", image_bytes(fmt="GIF"), "image/gif"),
        "damaged": SimpleUploadedFile("me.jpg", real[: len(real) // 2], "image/jpeg"),
        "huge": SimpleUploadedFile("me.jpg", real + b"\0" * (5 * 1024 * 1024), "image/jpeg"),
    }


def counter_case(person, *, office, actor, when=None, service="insurance.statement", employer=None,
                 channel="counter"):
    """A case accepted at a window for the person (written directly: these tests read it as evidence)."""
    from workflow.models import Case, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code
    from workflow.services import sequence_next

    when = when or timezone.now()
    day = timezone.localdate(when)
    return Case.objects.create(
        number=case_number(day, sequence_next(f"case:{day:%Y%m%d}")), tracking_code=new_tracking_code(),
        service=ServiceType.objects.get(code=service), person=person, employer=employer, channel=channel,
        accepted_office=office, accepted_by=actor, status="completed", accepted_at=when)


def media_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
