"""Request parameters the code reads without a form (an id in ?employee=): the value the code may use, or None;
never an exception. (A NUL byte never gets this far: portal.middleware refuses it.)"""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,18}")


def id_param(value: str | None) -> int | None:
    """A database id: ASCII digits that fit a 64-bit integer. "²" (which str.isdigit() accepts and int() refuses),
    "１２", "-1" and a 20-digit number are none."""
    return int(value) if isinstance(value, str) and _ID.fullmatch(value) else None
