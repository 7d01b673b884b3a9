"""The electronic social-security card (电子社保卡): a QR code on the resident's own page that identifies them at any
window, point or kiosk without typing their number.

The code is `DYECARD1:<person id>.<nonce>.<issued>:<signature>`: the person's database id (never the identity
number), a random one-time nonce and the second it was shown, signed with Django's signer (HMAC-SHA256 of the
SECRET_KEY, with a salt of its own so that no other signed value of the site is accepted as a card). It is valid
for VALID_SECONDS; its first use writes an ECardUse row whose nonce is unique, so that the same code never
identifies twice, even at two windows in the same instant.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import AccountsError
from accounts.models import ECardUse, Office, Person, User

PREFIX = "DYECARD1:"
SALT = "accounts.ecard.v1"
VALID_SECONDS = 60
# The page asks for a new code this often, so that the one shown never runs out while someone scans it.
REFRESH_SECONDS = 50
# A code "shown" later than now by more than this is not one the server made.
CLOCK_SLACK_SECONDS = 5
MAX_LENGTH = 120
# What an identify box takes: longer than any code, so that a too-long one is answered about the card.
MAX_INPUT = 400


class ECardRefused(AccountsError):
    """A card code that identifies no one: its message says why and what to do."""


@dataclass(frozen=True)
class ECardCode:
    content: str
    issued_at: datetime
    expires_at: datetime


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def looks_like_ecard(raw: str) -> bool:
    """Whether a typed or scanned value is meant as a card code (its prefix, in any case: a scanner may type it
    with the caps lock on), so that the identify box answers about the card rather than about a number."""
    return raw.strip().upper().startswith(PREFIX)


def ecard_issue(*, person: Person, now: datetime | None = None) -> ECardCode:
    """A new code for the person's own page. Nothing is written: a code is recorded when it is used."""
    if person.is_deceased:
        raise ECardRefused(_("This person is recorded as deceased: no card code is issued."), code="deceased")
    now = now or timezone.now()
    issued = int(now.timestamp())
    nonce = secrets.token_urlsafe(12)
    content = PREFIX + _signer().sign(f"{person.pk}.{nonce}.{signing.b62_encode(issued)}")
    issued_at = datetime.fromtimestamp(issued, tz=UTC)
    return ECardCode(content=content, issued_at=issued_at, expires_at=issued_at + timedelta(seconds=VALID_SECONDS))


def _refuse_forged():
    return ECardRefused(
        _("This is not a valid electronic social-security card code (it may have been altered or copied wrongly). "
          "Ask the person to open the card on their phone again, or type the identity number."), code="forged")


def ecard_read(content: str, *, now: datetime | None = None) -> tuple[int, str, datetime]:
    """The person id, nonce and time of showing of a genuine code still valid; ECardRefused otherwise."""
    raw = (content or "").strip()
    if not looks_like_ecard(raw) or len(raw) > MAX_LENGTH:
        raise ECardRefused(_("This is not an electronic social-security card code."), code="format")
    try:
        payload = _signer().unsign(raw[len(PREFIX):])
        person_id, nonce, issued_b62 = payload.split(".")
        person_id, issued = int(person_id), signing.b62_decode(issued_b62)
        issued_at = datetime.fromtimestamp(issued, tz=UTC)
    except (signing.BadSignature, ValueError, TypeError, OverflowError, OSError):
        raise _refuse_forged() from None
    if not nonce:
        raise _refuse_forged()
    age = ((now or timezone.now()) - issued_at).total_seconds()
    if age < -CLOCK_SLACK_SECONDS:
        raise _refuse_forged()
    if age > VALID_SECONDS:
        raise ECardRefused(
            _("This card code has expired: a code is valid for %(n)s seconds. Ask the person to show the new code "
              "on their phone.") % {"n": VALID_SECONDS}, code="expired")
    return person_id, nonce, issued_at


def ecard_redeem(*, content: str, actor: User | None, channel: str, office: Office | None = None,
                 ticket: str = "", now: datetime | None = None) -> Person:
    """Identify the person whose code this is, once. Raises ECardRefused for a code that is malformed, altered,
    expired, already used, or of a person no longer registered or deceased; nothing is recorded then."""
    now = now or timezone.now()
    person_id, nonce, issued_at = ecard_read(content, now=now)
    person = Person.objects.select_related("hukou_region", "residence_region").filter(pk=person_id).first()
    if person is None:
        raise ECardRefused(_("The person of this card code is no longer registered."), code="unknown")
    if person.is_deceased:
        raise ECardRefused(_("This person is recorded as deceased: the card code cannot identify them."),
                           code="deceased")
    try:
        with transaction.atomic():
            ECardUse.objects.create(nonce=nonce, person=person, issued_at=issued_at, used_at=now, used_by=actor,
                                    office=office, channel=channel, ticket=ticket[:20])
    except IntegrityError:
        raise ECardRefused(
            _("This card code has already been used. Each code identifies once: ask the person to show the new "
              "code on their phone."), code="reused") from None
    return person
