"""A person's or an employer's whole picture, assembled from what each domain app registers.

The counter desk, the resident's "my records" and the employer's pages show these sections
and prompts without knowing any business: insurance registers insurance status, cards and
contributions; employment registers employment status, benefits and its prompts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from workflow.registry import Check


@dataclass(frozen=True)
class Section:
    key: str
    title: Any  # lazily translated
    # Renders the loaded data; it receives `data`, `subject` and `audience` ("staff", "self").
    template: str
    # load(subject) -> data, with a fixed, small number of queries whatever the subject's history.
    load: Callable[[Any], Any]
    order: int = 100
    subject: str = "person"  # or "employer", or "office" (the office head's board)


_SECTIONS: dict[str, Section] = {}
_PROMPTS: dict[str, list[tuple[str, Callable[[Any], Iterable[Check]]]]] = {"person": [], "employer": []}


def register_section(section: Section) -> None:
    _SECTIONS[f"{section.subject}:{section.key}"] = section


def register_prompts(key: str, provider: Callable[[Any], Iterable[Check]], *, subject: str = "person") -> None:
    """provider(subject) -> Checks that did not pass and suggest something (Check.suggests names the service)."""
    entries = _PROMPTS[subject]
    entries[:] = [(k, p) for k, p in entries if k != key]
    entries.append((key, provider))


def unregister(key: str, *, subject: str = "person") -> None:
    _SECTIONS.pop(f"{subject}:{key}", None)
    _PROMPTS[subject][:] = [(k, p) for k, p in _PROMPTS[subject] if k != key]


def sections_for(subject_kind: str) -> list[Section]:
    return sorted((s for s in _SECTIONS.values() if s.subject == subject_kind), key=lambda s: (s.order, s.key))


def profile(subject: Any, *, subject_kind: str = "person") -> list[tuple[Section, Any]]:
    """Every registered section with its data for one person or employer."""
    return [(section, section.load(subject)) for section in sections_for(subject_kind)]


def prompts(subject: Any, *, subject_kind: str = "person") -> list[Check]:
    found: list[Check] = []
    for _key, provider in _PROMPTS[subject_kind]:
        found.extend(provider(subject))
    return found
