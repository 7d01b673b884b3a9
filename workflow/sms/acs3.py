"""Alibaba Cloud's request signature V3 (ACS3-HMAC-SHA256), for RPC-style APIs whose parameters are in the query.

The algorithm of "V3版本请求体&签名机制" (help.aliyun.com): a canonical request (method, path, sorted
RFC 3986-encoded query, the lower-cased signed headers, the hex SHA-256 of the body) is hashed, prefixed with
the algorithm's name and signed with HMAC-SHA256 under the AccessKey secret.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

ALGORITHM = "ACS3-HMAC-SHA256"


def percent(value: str) -> str:
    """RFC 3986 percent-encoding of UTF-8, as the algorithm asks: only A-Z a-z 0-9 - _ . ~ stay as they are."""
    return quote(str(value), safe="-_.~")


def canonical_query(params: dict) -> str:
    return "&".join(f"{percent(k)}={percent(v)}" for k, v in sorted((str(k), str(v)) for k, v in params.items()))


def canonical_request(*, method: str, path: str, query: str, headers: dict, body_hash: str) -> tuple[str, str]:
    """The canonical request and its signed-header list, from headers already named in lower case."""
    names = sorted(headers)
    canonical_headers = "".join(f"{name}:{str(headers[name]).strip()}\n" for name in names)
    signed = ";".join(names)
    return "\n".join([method.upper(), path or "/", query, canonical_headers, signed, body_hash]), signed


def signature(*, secret: str, canonical: str) -> str:
    to_sign = f"{ALGORITHM}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    return hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


def signed_headers(*, method: str, host: str, path: str, params: dict, body: bytes, action: str, version: str,
                   access_key_id: str, secret: str, date: str, nonce: str) -> dict:
    """The headers of a signed request: host, the x-acs-* headers and Authorization."""
    body_hash = hashlib.sha256(body).hexdigest()
    headers = {"host": host, "x-acs-action": action, "x-acs-version": version, "x-acs-date": date,
               "x-acs-signature-nonce": nonce, "x-acs-content-sha256": body_hash}
    canonical, signed = canonical_request(method=method, path=path, query=canonical_query(params),
                                          headers=headers, body_hash=body_hash)
    headers["Authorization"] = (f"{ALGORITHM} Credential={access_key_id},SignedHeaders={signed},"
                                f"Signature={signature(secret=secret, canonical=canonical)}")
    return headers
