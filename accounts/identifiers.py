"""Resident identity numbers (GB 11643) and unified social credit codes (GB 32100): checksums, parsing, masking."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
# Province-level prefixes of GB/T 2260 (mainland provinces, plus Taiwan, Hong Kong and
# Macao residence-permit prefixes 71, 81, 82 and 83).
PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
# The standard's own sample 440524188001010014 was born in 1880.
EARLIEST_BIRTH_DATE = date(1850, 1, 1)

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_RE = re.compile(rf"^[{CREDIT_ALPHABET}]{{18}}$")
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# A mainland mobile, or a fixed line with its area code (0546-8888888, 05468888888) and an optional extension.
_PHONE_RE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")


@dataclass(frozen=True)
class IdNumberInfo:
    number: str
    division_code: str
    birth_date: date
    sex: str  # "M" or "F"


def id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    """As typed: full-width digits and X (a Chinese input method's full-width mode) read as ASCII, every space
    (ideographic ones too) dropped, x upper-cased."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def upgrade_id15(value: str) -> str:
    """Turn a first-generation 15-digit number into its 18-digit form (century 19, new check character)."""
    if not re.fullmatch(r"[0-9]{15}", value):
        raise ValidationError(_("A 15-digit identity number must consist of 15 digits."), code="format")
    first17 = value[:6] + "19" + value[6:]
    return first17 + id_check_char(first17)


def canonical_id_number(value: str) -> str:
    """The number as stored, from what was typed or uploaded: normalised, a 15-digit one upgraded to 18 digits,
    checked (ValidationError with the reason)."""
    value = normalize_id_number(value)
    if re.fullmatch(r"[0-9]{15}", value):
        value = upgrade_id15(value)
    return parse_id_number(value).number


def parse_id_number(value: str, *, today: date | None = None) -> IdNumberInfo:
    """Validate an 18-digit identity number and derive birth date and sex from it.

    The division code is checked only for a valid province prefix: numbers keep the
    code of the place and time they were issued, which may no longer exist.
    """
    number = normalize_id_number(value)
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        raise ValidationError(
            _("An identity number has 17 digits followed by a digit or X."), code="format"
        )
    if number[:2] not in PROVINCE_PREFIXES:
        raise ValidationError(_("The identity number does not start with a valid province code."), code="province")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("The identity number contains an impossible birth date."), code="date") from None
    if birth < EARLIEST_BIRTH_DATE or birth > (today or date.today()):
        raise ValidationError(_("The identity number contains an impossible birth date."), code="date")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("The identity number's check character is wrong: please check every digit."), code="checksum"
        )
    sex = "M" if int(number[16]) % 2 else "F"
    return IdNumberInfo(number=number, division_code=number[:6], birth_date=birth, sex=sex)


def is_valid_id_number(value: str) -> bool:
    try:
        parse_id_number(value)
    except ValidationError:
        return False
    return True


def mask_id_number(number: str) -> str:
    """Show the division code and the last four characters only: 370502********123X."""
    if len(number) != 18:
        return "*" * len(number)
    return number[:6] + "*" * 8 + number[14:]


def credit_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    return (value or "").strip().replace(" ", "").upper()


def check_credit_format(value: str) -> str:
    code = normalize_credit_code(value)
    if not _CREDIT_RE.fullmatch(code):
        raise ValidationError(
            _("A unified social credit code has 18 characters: digits and capital letters except I, O, Z, S, V."),
            code="format",
        )
    return code


def validate_credit_code(value: str) -> str:
    """Return the normalized code, or raise ValidationError if its format or check character is wrong."""
    code = check_credit_format(value)
    if credit_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("The credit code's check character is wrong: please check every character."), code="checksum"
        )
    return code


def is_valid_credit_code(value: str) -> bool:
    try:
        validate_credit_code(value)
    except ValidationError:
        return False
    return True


def normalize_mobile(value: str) -> str:
    """A mobile number as stored: spaces, dashes and the +86 prefix dropped (not checked)."""
    number = (value or "").strip().replace(" ", "").replace("-", "")
    return number[3:] if number.startswith("+86") else number


def validate_mobile(value: str) -> str:
    number = normalize_mobile(value)
    if not _MOBILE_RE.fullmatch(number):
        raise ValidationError(_("Enter an 11-digit mainland mobile number starting with 1."), code="mobile")
    return number


def normalize_phone(value: str) -> str:
    """A contact phone as stored: spaces and the +86 prefix dropped; a mobile number also loses its dashes."""
    number = (value or "").strip().replace(" ", "")
    number = number[3:] if number.startswith("+86") else number
    return number.replace("-", "") if number.startswith("1") else number


def validate_phone(value: str) -> str:
    """A mainland mobile number or a fixed line with its area code (an employer's or an office's contact)."""
    number = normalize_phone(value)
    if not _PHONE_RE.fullmatch(number):
        raise ValidationError(
            _("Enter a mobile number, or a fixed-line number with its area code such as 0546-8888888."),
            code="phone")
    return number


def mask_phone(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) == 11 else "*" * len(number)


_SPACES = re.compile(r"\s+")
# The middle dot of minority and foreign names is typed in several ways; they all count as one.
_DOTS = str.maketrans({"·": "·", "•": "·", "．": "·", ".": "·", "・": "·", "‧": "·", "･": "·"})


def normalize_name(name: str) -> str:
    """A name as typed on a phone, compared as the identity card prints it: full-width forms folded, spaces
    dropped, the middle dot unified."""
    folded = unicodedata.normalize("NFKC", name or "").translate(_DOTS)
    return _SPACES.sub("", folded).upper()


def names_match(typed: str, registered: str) -> bool:
    """A name typed, uploaded or sent by another department against the registered one (normalize_name)."""
    typed, registered = normalize_name(typed), normalize_name(registered)
    return bool(typed) and typed == registered
