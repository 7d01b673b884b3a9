"""The tax bureau's contribution interface (社保费征收) behind one interface: hand it one item to collect,
idempotently by its key. TAX_PROVIDER chooses the in-process fake (development, the default) or HTTP (TAX_URL:
the real interface, or the local fake server in tests)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from django.conf import settings

from accounts.exchange import ExchangeError, JsonClient, provider_get

PROVIDERS = {"fake": "insurance.tax_exchange.FakeTaxService", "http": "insurance.tax_exchange.HttpTaxService"}


@runtime_checkable
class TaxService(Protocol):
    """`submit(key=, payload=) -> receipt`: the tax bureau has the item (a second call with the same key is
    answered with the same receipt and changes nothing there); raises ExchangeError."""

    def submit(self, *, key: str, payload: dict) -> str: ...


def _receipt(body: dict) -> str:
    receipt = str(body.get("receipt") or "")
    if not receipt:
        raise ExchangeError("tax interface: no receipt in the answer", maybe_sent=True)
    return receipt


class FakeTaxService:
    """The local fake (accounts.exchange.fakes.TAX), in-process."""

    def submit(self, *, key: str, payload: dict) -> str:
        from accounts.exchange.fakes import TAX, Unavailable

        try:
            return _receipt(TAX.receive(key=key, payload=payload))
        except Unavailable as exc:
            raise ExchangeError(str(exc)) from exc


class HttpTaxService:
    def __init__(self):
        self.client = JsonClient(base_url=settings.TAX_URL, token=settings.TAX_TOKEN,
                                 timeout=(settings.EXCHANGE_CONNECT_TIMEOUT, settings.TAX_TIMEOUT),
                                 retries=settings.EXCHANGE_RETRIES, name="tax interface")

    def submit(self, *, key: str, payload: dict) -> str:
        return _receipt(self.client.post("/contributions", payload, idempotency_key=key))


def tax_service() -> TaxService:
    return provider_get(setting="TAX_PROVIDER", providers=PROVIDERS,
                        settings_used=("TAX_URL", "TAX_TOKEN", "TAX_TIMEOUT", "EXCHANGE_RETRIES"))
