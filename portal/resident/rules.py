"""Pure policy of the resident's online service: matching names, recognising uploaded files, a case's stages."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from workflow.rules.states import FINAL, Status

# Uploads: PDF, JPEG or PNG, each at most this large; at most this many documents per case.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_DOCUMENTS_PER_CASE = 30
# Material may be handed in while the office has not decided yet.
UPLOADABLE = frozenset({Status.ROUTED, Status.IN_REVIEW, Status.SUPPLEMENT_REQUESTED})


def pdf_looks_complete(tail: bytes) -> bool:
    """A PDF ends with its end-of-file marker (give or take trailing whitespace or a few bytes of padding)."""
    return b"%%EOF" in tail


def safe_file_name(name: str, limit: int = 120) -> str:
    """The applicant's file name for display and download: no folders, no control characters, bounded length."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(base) > limit:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: limit - len(ext) - 1] + dot + ext) if dot and len(ext) <= 8 else base[:limit]
    return base or "document"


@dataclass(frozen=True)
class Stage:
    label: str
    state: str  # "done", "current" or "todo"


def stages(status: str, *, immediate: bool) -> tuple[Stage, ...]:
    """Where a case stands, as the steps an applicant understands: accepted, with the office, in review, outcome."""
    final = status in FINAL or status == Status.APPROVED
    outcome = str(Status(status).label) if final else _("Outcome")
    if immediate:
        labels = [_("Accepted"), outcome]
        current = 1
    else:
        labels = [_("Accepted"), _("With the back office"), _("In review"), outcome]
        current = 3 if final else {Status.ACCEPTED: 0, Status.ROUTED: 1}.get(status, 2)
    return tuple(
        Stage(label, "done" if i < current or (i == current and final) else "current" if i == current else "todo")
        for i, label in enumerate(labels)
    )
