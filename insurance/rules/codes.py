"""Verification codes of rights statements: 16 characters that cannot be guessed, easy to type back."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: what survives being read aloud or retyped from paper.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
LENGTH = 16


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(value: str) -> str:
    """Upper-case, without spaces or dashes; "" when it cannot be a code."""
    cleaned = "".join(ch for ch in (value or "").upper() if ch not in " -\t")
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return cleaned


def format_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))
