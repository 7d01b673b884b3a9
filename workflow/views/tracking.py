"""The public tracking page: type or scan the code on a receipt, see the stage, timeline and countdown.

Unknown and malformed codes get the same not-found page, with the same status and the same single
query. Every lookup is rate-limited per client address; past the limit the answer is 429.
"""

from __future__ import annotations

import functools
import logging
import time

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.core import get_usage

from accounts.access import public
from workflow.rules.codes import normalize_tracking_code
from workflow.selectors.bundles import bundle_tracking
from workflow.selectors.tracking import case_tracking

logger = logging.getLogger(__name__)
_DISABLED = {"", "0", "off", "none", "false"}
# While the cache is down, say so in the log at most this often (every lookup would flood it).
_LOG_EVERY = 60.0
_last_logged = [0.0]


class TrackForm(forms.Form):
    # No max_length: an over-long code must get the same not-found page as any other malformed one.
    code = forms.CharField(label=_("Tracking code"),
                           error_messages={"required": _("Enter the tracking code printed on your receipt.")})


def _fail_open(reason: str) -> None:
    now = time.monotonic()
    if now - _last_logged[0] >= _LOG_EVERY:
        _last_logged[0] = now
        logger.warning("Tracking lookups are not rate-limited: %s", reason)


def _usage(request, group: str) -> dict | None:
    """Count this lookup against the client's address; None when not limited (disabled, or the cache is down)."""
    rate = (settings.TRACKING_RATE_LIMIT or "").strip()
    if rate.lower() in _DISABLED or not getattr(settings, "RATELIMIT_ENABLE", True):
        return None
    try:
        usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
    except Exception:  # a broken cache or setting must not turn a lookup into a 500
        logger.exception("Tracking rate limit failed")
        return None
    if usage is None:
        _fail_open("the cache is unavailable")
    return usage


def too_many_requests(request, exception=None, retry_after: int | None = None):
    """The 429 page (signature of django-ratelimit's RATELIMIT_VIEW, so it can serve other views too)."""
    response = render(request, "429.html", status=429)
    if retry_after and retry_after > 0:
        response["Retry-After"] = str(retry_after)
    return response


def rate_limited(group: str, methods: tuple[str, ...] = ("GET", "HEAD", "POST")):
    """Refuse a client past settings.TRACKING_RATE_LIMIT lookups (per address) with the 429 page."""
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                usage = _usage(request, group)
                if usage is not None and usage["should_limit"]:
                    return too_many_requests(request, retry_after=usage["time_left"])
            return view(request, *args, **kwargs)
        return wrapped
    return decorator


def _not_found(request):
    return render(request, "workflow/tracking/track_not_found.html", {"form": TrackForm()}, status=404)


@public
@never_cache
@require_safe
def track(request):
    """The form. A scanner types the code and Enter: the form is sent (GET ?code=, so the page needs no
    CSRF token) and a found case opens its page. Only a sent code counts against the rate limit."""
    data = request.GET if "code" in request.GET else None
    if data is None:
        return render(request, "workflow/tracking/track_form.html", {"form": TrackForm()})
    usage = _usage(request, "tracking.form")
    if usage is not None and usage["should_limit"]:
        return too_many_requests(request, retry_after=usage["time_left"])
    form = TrackForm(data)
    if not form.is_valid():
        return render(request, "workflow/tracking/track_form.html", {"form": form})
    code = form.cleaned_data["code"]
    if case_tracking(code=code) is not None:
        return redirect("tracking:track-detail", code=normalize_tracking_code(code))
    if bundle_tracking(code=code) is not None:  # a life event's code (一件事): all its cases
        return redirect("tracking:bundle-detail", code=normalize_tracking_code(code))
    return _not_found(request)


@public
@never_cache
@require_safe
@rate_limited("tracking.detail")
def track_detail(request, code: str):
    tracked = case_tracking(code=code)
    if tracked is None:
        return _not_found(request)
    return render(request, "workflow/tracking/track_detail.html", {"case": tracked})
