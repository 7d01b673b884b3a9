"""Where a sign-up or password reset stands, kept in the session between its steps (never in the form, where
it could be changed): who was identified, the masked phone the code went to, and whether the code was right."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

# The whole flow must be finished within this time, and the password chosen within VERIFIED_SECONDS of the code.
FLOW_SECONDS = 20 * 60
VERIFIED_SECONDS = 10 * 60


@dataclass
class Flow:
    purpose: str  # "signup" or "reset"
    person_id: int
    masked_phone: str
    started: float
    verified_at: float | None = None

    @property
    def verified(self) -> bool:
        return self.verified_at is not None and time.time() - self.verified_at <= VERIFIED_SECONDS


def _key(purpose: str) -> str:
    return f"resident.identity.{purpose}"


def flow_start(session, *, purpose: str, person_id: int, masked_phone: str) -> Flow:
    flow = Flow(purpose=purpose, person_id=person_id, masked_phone=masked_phone, started=time.time())
    session[_key(purpose)] = asdict(flow)
    return flow


def flow_get(session, purpose: str) -> Flow | None:
    """The flow in progress, or None (none started, expired, or damaged: start again)."""
    raw = session.get(_key(purpose))
    try:
        flow = Flow(**raw) if isinstance(raw, dict) else None
    except TypeError:
        flow = None
    if flow is None or flow.purpose != purpose or time.time() - flow.started > FLOW_SECONDS:
        flow_clear(session, purpose)
        return None
    return flow


def flow_verified(session, flow: Flow) -> Flow:
    flow.verified_at = time.time()
    session[_key(flow.purpose)] = asdict(flow)
    return flow


def flow_clear(session, purpose: str) -> None:
    session.pop(_key(purpose), None)
