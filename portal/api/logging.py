"""Log every API request: client, endpoint, outcome, duration — never personal data."""

from __future__ import annotations

import logging
import time

from portal.models import ApiRequestLog

logger = logging.getLogger("portal.api")
PREFIX = "/api/"


class ApiLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        started = time.monotonic()
        response = self.get_response(request)
        duration = int((time.monotonic() - started) * 1000)
        match = getattr(request, "resolver_match", None)
        endpoint = (match.url_name or match.route) if match else "unknown"
        client = getattr(request, "api_client", None)
        outcome = getattr(request, "api_outcome", "")
        logger.info("api client=%s endpoint=%s method=%s status=%s outcome=%s ms=%s",
                    client.name if client else "-", endpoint, request.method, response.status_code,
                    outcome or "-", duration)
        try:
            ApiRequestLog.objects.create(client=client, endpoint=endpoint[:80], method=request.method[:8],
                                         status_code=response.status_code, outcome=outcome[:80],
                                         duration_ms=duration)
        except Exception:
            logger.exception("could not store the API request log")
        return response
