"""Case numbers (date + sequence + check character) and unguessable public tracking codes."""

from __future__ import annotations

import re
import secrets
from datetime import date

# ISO 7064 MOD 11-2, the scheme of the identity number's check character.
_MOD11_CHARS = "10X98765432"
# Crockford's base32: no I, L, O or U, so that nothing on a receipt can be misread.
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 16  # 16 symbols x 5 bits = 80 bits of randomness
_TRACKING_RE = re.compile(rf"^[{TRACKING_ALPHABET}]{{{TRACKING_LENGTH}}}$")
_NUMBER_RE = re.compile(r"^\d{14}[\dX]$")


def mod11_check(digits: str) -> str:
    total = 0
    for i, digit in enumerate(reversed(digits), start=2):
        total += int(digit) * (2 ** (i - 1) % 11)
    return _MOD11_CHARS[total % 11]


def case_number(day: date, sequence: int) -> str:
    """Readable case number: 8-digit date, 6-digit daily sequence, check character (e.g. 202611270001237)."""
    if not 0 < sequence < 1_000_000:
        raise ValueError("the daily sequence has six digits")
    body = f"{day:%Y%m%d}{sequence:06d}"
    return body + mod11_check(body)


def is_valid_case_number(value: str) -> bool:
    value = (value or "").strip().upper()
    return bool(_NUMBER_RE.fullmatch(value)) and mod11_check(value[:14]) == value[14]


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def normalize_tracking_code(value: str) -> str:
    """Accept what people type: lower case, spaces and hyphens, O for 0, I and L for 1."""
    cleaned = re.sub(r"[\s\-]", "", (value or "")).upper()
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def is_well_formed_tracking_code(value: str) -> bool:
    return bool(_TRACKING_RE.fullmatch(value))


def format_tracking_code(code: str) -> str:
    """Groups of four for reading aloud and typing: 7K3M-9QX2-..."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))
