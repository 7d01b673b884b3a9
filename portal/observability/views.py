"""/metrics for Prometheus, answered only to `Authorization: Bearer <METRICS_TOKEN>`."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from accounts.access import delegated_access
from portal.observability.metrics import REGISTRY


def _token_ok(request) -> bool:
    expected = settings.METRICS_TOKEN
    if not expected:  # unset: nobody, rather than everybody
        return False
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected.encode())


@delegated_access("Bearer token METRICS_TOKEN, compared in constant time")
@never_cache
@require_GET
def metrics(request):
    if not _token_ok(request):
        return HttpResponseForbidden("Forbidden\n", content_type="text/plain; charset=utf-8")
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
