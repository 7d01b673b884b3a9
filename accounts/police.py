"""The police's population service (人口信息核验) behind one interface: does this identity number belong to this
name, and is the person alive? POLICE_PROVIDER chooses the in-process fake (development, the default) or the
HTTP interface (POLICE_URL: the real service, or the local fake server in tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Protocol, runtime_checkable

from django.conf import settings

from accounts.exchange import ExchangeError, JsonClient, provider_get

PROVIDERS = {"fake": "accounts.police.FakePopulationService", "http": "accounts.police.HttpPopulationService"}


@dataclass(frozen=True)
class PopulationAnswer:
    name_matches: bool
    alive: bool
    date_of_death: date | None = None


@runtime_checkable
class PopulationService(Protocol):
    """`verify` answers or raises ExchangeError (not reachable, refused); `source` is IdentityCheck.Source."""

    source: ClassVar[str]

    def verify(self, *, id_number: str, name: str) -> PopulationAnswer: ...


def _answer(body: dict) -> PopulationAnswer:
    if body.get("result") not in ("match", "mismatch"):
        raise ExchangeError(f"population service: unexpected answer {body.get('result')!r}", retryable=True)
    died = body.get("date_of_death")
    return PopulationAnswer(name_matches=body["result"] == "match", alive=bool(body.get("alive", True)),
                            date_of_death=date.fromisoformat(died) if died else None)


class FakePopulationService:
    """The local fake register (accounts.exchange.fakes), called in-process: `make run` needs nothing outside."""

    source = "fake"

    def verify(self, *, id_number: str, name: str) -> PopulationAnswer:
        from accounts.exchange.fakes import POPULATION, Unavailable

        try:
            return _answer(POPULATION.answer(id_number=id_number, name=name))
        except Unavailable as exc:
            raise ExchangeError(str(exc)) from exc


class HttpPopulationService:
    source = "police"

    def __init__(self):
        self.client = JsonClient(base_url=settings.POLICE_URL, token=settings.POLICE_TOKEN,
                                 timeout=(settings.EXCHANGE_CONNECT_TIMEOUT, settings.POLICE_TIMEOUT),
                                 retries=settings.EXCHANGE_RETRIES, name="population service")

    def verify(self, *, id_number: str, name: str) -> PopulationAnswer:
        return _answer(self.client.post("/verify", {"id_number": id_number, "name": name}, idempotent=True))


def population_service() -> PopulationService:
    return provider_get(setting="POLICE_PROVIDER", providers=PROVIDERS,
                        settings_used=("POLICE_URL", "POLICE_TOKEN", "POLICE_TIMEOUT", "EXCHANGE_RETRIES"))
