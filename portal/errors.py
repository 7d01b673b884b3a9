"""The portal's own error pages (400, 403, 404, 405, 429, 500 and a refused CSRF check), in the site layout and
the user's language: Django's handlers render 400 and 500 without the request, and a 405 as an empty page."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited

logger = logging.getLogger(__name__)


def error_page(request: HttpRequest, status: int, template: str, **context) -> HttpResponse:
    """An error page in the layout of the user (staff or public). The API answers its clients in JSON."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(context.get("reason") or _("The request was refused."))}, status=status)
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


def bad_request(request: HttpRequest, exception=None, reason: str = "") -> HttpResponse:
    return error_page(request, 400, "400.html", reason=reason)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    if isinstance(exception, Ratelimited):
        return error_page(request, 429, "429.html")
    return error_page(request, 403, "403.html")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return error_page(request, 404, "404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the layout; if even that fails (the database is down), the page that needs nothing."""
    try:
        return error_page(request, 500, "500.html")
    except Exception:
        logger.exception("the 500 page could not be rendered in the layout")
        return HttpResponse(loader.render_to_string("errors/500_plain.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form was open too long, or cookies are off."""
    return error_page(request, 403, "403_csrf.html")


def method_not_allowed(request: HttpRequest, allowed: str) -> HttpResponse:
    response = error_page(request, 405, "405.html")
    response["Allow"] = allowed
    return response


class MethodNotAllowedPageMiddleware:
    """Django has no handler405: an action's address opened in the browser (a GET on a POST-only view) gets the
    405 page, with the methods it does accept in its Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            return method_not_allowed(request, response["Allow"])
        return response
