"""The request id: kept from a sane X-Request-ID (set by the proxy) or made here, returned in the response, on
every log line of the request, and one JSON access line a request (route, not path: no query string, no token)."""

from __future__ import annotations

import logging
import time

from portal.observability.logs import new_request_id, request_id_var, request_var, sane_request_id
from portal.observability.metrics import request_observe

HEADER = "X-Request-ID"
access_logger = logging.getLogger("portal.requests")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = sane_request_id(request.headers.get(HEADER)) or new_request_id()
        request.request_id = request_id
        id_token, request_token = request_id_var.set(request_id), request_var.set(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            seconds = time.monotonic() - started
            request_observe(method=request.method, status=response.status_code, seconds=seconds)
            access_logger.info("%s %s %s", request.method, _route(request), response.status_code, extra={
                "method": request.method, "route": _route(request), "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1)})
            return response
        finally:
            request_var.reset(request_token)
            request_id_var.reset(id_token)


def _route(request) -> str:
    """The URL pattern that answered (e.g. "hall/cases/<str:number>/"), never the address as typed."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "static" if request.path.startswith("/static/") else "-"
    return "/" + (match.route or "")
