"""The unattended terminals of a hall that open under its screen key: the counter's own, and those that
higher apps add (the kiosk) from their AppConfig.ready(), so the screens page lists them all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Terminal:
    label: Any  # lazily translated
    url_name: str  # takes the hall's screen key as its only argument


_TERMINALS: list[Terminal] = [
    Terminal(_("Ticket dispenser"), "counter:dispenser"),
    Terminal(_("Display board"), "counter:board"),
]


def register_terminal(*, label, url_name: str) -> None:
    terminal = Terminal(label, url_name)
    if terminal not in _TERMINALS:
        _TERMINALS.append(terminal)


def terminals() -> list[Terminal]:
    return list(_TERMINALS)
