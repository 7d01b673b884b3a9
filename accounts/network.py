"""The client's network address: REMOTE_ADDR, or behind a trusted reverse proxy the address the proxy saw.

A proxy is trusted only when REMOTE_ADDR is one of settings.TRUSTED_PROXIES (addresses or networks). Then, and
only then, X-Forwarded-For and X-Forwarded-Proto are believed: the client is the rightmost address in
X-Forwarded-For that is not itself a trusted proxy (a client may put anything on the left of what its proxy
appends). From anyone else these headers are removed before any other middleware reads them, so a client cannot
choose its rate-limit or lockout key, nor claim HTTPS over plain HTTP.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                     "HTTP_X_FORWARDED_PORT", "HTTP_X_REAL_IP", "HTTP_FORWARDED")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value: str) -> Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":")[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    parsed = _address(address or "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return parsed is not None and any(parsed in network for network in networks)


def client_ip(request_meta: dict) -> str:
    """The client's address from a request's META (before ReverseProxyMiddleware has rewritten it)."""
    remote = request_meta.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    hops = [hop for hop in request_meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        parsed = _address(hop)
        if parsed is None:
            break  # garbage where the proxy writes: trust nothing further left
        if not is_trusted_proxy(str(parsed)):
            return str(parsed)
    return remote


class ReverseProxyMiddleware:
    """First of all middleware: REMOTE_ADDR becomes the real client's address when a trusted proxy forwarded
    the request (what rate limits, the login lockout and the logs read), and forwarding headers from anyone else
    are dropped (so SECURE_PROXY_SSL_HEADER believes only the proxy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        remote = meta.get("REMOTE_ADDR", "")
        if is_trusted_proxy(remote):
            meta["PROXY_ADDR"] = remote
            meta["REMOTE_ADDR"] = client_ip(meta)
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)
