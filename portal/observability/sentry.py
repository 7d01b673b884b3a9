"""Sentry error reports (sentry-sdk, Django and Celery integrations), only when SENTRY_DSN is set.

No personal data leaves: send_default_pii is off (no user names, e-mail or addresses), and before_send drops
what a request carries that may name a person (the body, the cookies, the query string, headers other than a
harmless few) and the local variables of each frame.
"""

from __future__ import annotations

KEPT_HEADERS = frozenset({"content-type", "content-length", "user-agent", "x-request-id", "accept-language"})


def before_send(event: dict, hint: dict | None = None) -> dict:
    from portal.observability.logs import request_id_var

    if request_id := request_id_var.get():
        event.setdefault("tags", {})["request_id"] = request_id
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    return event


def before_breadcrumb(crumb: dict, hint: dict | None = None) -> dict | None:
    # Log messages become breadcrumbs; the logs are already free of personal data, SQL parameters are not.
    if crumb.get("category") == "query":
        crumb.pop("data", None)
    return crumb


def sentry_init(*, dsn: str, environment: str = "production", traces_sample_rate: float = 0.0,
                transport=None) -> None:
    """`transport`: where events go instead of the DSN's server (the tests keep them in memory)."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=before_send,
        before_breadcrumb=before_breadcrumb,
        traces_sample_rate=traces_sample_rate,
        **({"transport": transport} if transport is not None else {}),
    )
