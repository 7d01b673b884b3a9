"""Demo staff's authenticator apps: fixed keys, so that `manage.py demo_codes` can print each one's current code.

A key is derived from the demo user name alone, so it is public: only the demo users get one, and demo_codes prints
codes only for devices that still hold the demo key (never a real user's).
"""

from __future__ import annotations

import hashlib
import time

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.twofactor import TOTP_NAME


def demo_totp_key(username: str) -> str:
    """The demo device's key (40 hex digits, 160 bits as RFC 6238 suggests), the same on every machine."""
    return hashlib.sha256(f"dongying-hrss-demo-totp:{username}".encode()).hexdigest()[:40]


@transaction.atomic
def seed_staff_devices(usernames: list[str]) -> None:
    """Give each demo staff user a confirmed authenticator device with its fixed key (idempotent)."""
    for user in User.objects.filter(username__in=usernames):
        key = demo_totp_key(user.username)
        if not TOTPDevice.objects.filter(user=user, confirmed=True, key=key).exists():
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True, key=key)


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def demo_codes() -> list[tuple[str, str, int]]:
    """(user name, current code, seconds it stays current) of every user whose device holds its demo key."""
    now = time.time()
    rows = []
    for device in TOTPDevice.objects.filter(confirmed=True).select_related("user").order_by("user__username"):
        if device.key == demo_totp_key(device.user.username):
            left = int(device.step - (now - device.t0) % device.step)
            rows.append((device.user.username, current_code(device, at=now), left))
    return rows
