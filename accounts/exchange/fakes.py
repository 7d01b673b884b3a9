"""Local stand-ins for the other departments, for development, the demo and tests (never the internet): the
police's population register and the tax bureau's contribution interface. The in-process providers and the
fake HTTP server (fake_server.py) answer from the same state, so a test may use either."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

# The fake register knows these numbers (documented in the README for the demo); any other valid number is
# answered as registered under the name asked and alive: a fake cannot know who really lives.
DEMO_RECORDS = {
    "370502196003150022": ("王秀英", None),  # a different name typed with this number: a mismatch
    "370503195508080033": ("刘建国", date(2024, 11, 2)),  # recorded deceased by the police
}


class Unavailable(Exception):
    """The fake department is switched off (a test of an outage)."""


@dataclass
class FakePopulationRegister:
    records: dict = field(default_factory=lambda: dict(DEMO_RECORDS))
    down: bool = False
    asked: int = 0

    def answer(self, *, id_number: str, name: str) -> dict:
        self.asked += 1
        if self.down:
            raise Unavailable("the population service is down")
        registered_name, died = self.records.get(id_number, (name, None))
        return {"result": "match" if registered_name == name else "mismatch", "alive": died is None,
                "date_of_death": died.isoformat() if died else None}


@dataclass
class FakeTaxBureau:
    """Receives contribution items idempotently by their key; `fail_next` refuses the next calls with an outage."""

    received: dict = field(default_factory=dict)
    calls: int = 0
    fail_next: int = 0
    down: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def receive(self, *, key: str, payload: dict) -> dict:
        with self.lock:
            self.calls += 1
            if self.down or self.fail_next > 0:
                self.fail_next = max(self.fail_next - 1, 0)
                raise Unavailable("the tax interface is down")
            duplicate = key in self.received
            if not duplicate:
                self.received[key] = payload
            return {"receipt": f"SW{abs(hash(key)) % 10**12:012d}", "duplicate": duplicate}


POPULATION = FakePopulationRegister()
TAX = FakeTaxBureau()


def fakes_reset() -> None:
    """Back to the documented starting state (tests)."""
    POPULATION.records, POPULATION.down, POPULATION.asked = dict(DEMO_RECORDS), False, 0
    with TAX.lock:
        TAX.received, TAX.calls, TAX.fail_next, TAX.down = {}, 0, 0, False
