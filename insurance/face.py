"""The face-comparison service the bureau may connect: a provider interface, a local fake, off by default.

With no provider set (PROOF_FACE_PROVIDER empty) nothing is compared and no page speaks of face recognition: a
reviewer compares the photo with the card photo by eye. Only when a provider answers is its score recorded, with
the provider's name, as what it is: a score given by that service, never a decision.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings


class FaceServiceDown(Exception):
    """The service did not answer in time or answered nonsense: the photo goes on waiting for a reviewer."""


@dataclass(frozen=True)
class FaceAnswer:
    provider: str
    score: Decimal  # 0..1, as the service gave it


class FaceProvider(Protocol):
    name: str

    def compare(self, *, photo: bytes, reference: bytes, timeout: float) -> FaceAnswer: ...


class FakeFaceProvider:
    """For tests and the demo: answers with no network. The same two photos score 1.0000; other pairs a stable
    figure from their bytes. PROOF_FACE_FAKE_DOWN makes it fail as a service that is down."""

    name = "fake"

    def compare(self, *, photo: bytes, reference: bytes, timeout: float) -> FaceAnswer:
        if getattr(settings, "PROOF_FACE_FAKE_DOWN", False):
            raise FaceServiceDown("fake face service set to fail")
        if photo == reference:
            return FaceAnswer(provider=self.name, score=Decimal("1.0000"))
        digest = hashlib.sha256(photo + reference).digest()
        return FaceAnswer(provider=self.name, score=(Decimal(digest[0]) / Decimal(255)).quantize(Decimal("0.0001")))


PROVIDERS: dict[str, type] = {"fake": FakeFaceProvider}


def face_provider() -> FaceProvider | None:
    """The connected provider, or None (the default: no face comparison at all)."""
    name = getattr(settings, "PROOF_FACE_PROVIDER", "")
    if not name:
        return None
    return PROVIDERS[name]()
