"""Chinese unless the user chose otherwise: the language comes from the language cookie only.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a counter PC or a phone set to
English would show English pages; the bureau's pages are Simplified Chinese by default and English is a
choice the user makes with the language switch.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY as the Permissions-Policy header on every response (static files too:
    this sits above WhiteNoise), so that no page, nor anything injected into one, may use the camera, the
    microphone, the location, payments or devices the portal never asks for."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=({' '.join(allow)})"
                                for feature, allow in settings.PERMISSIONS_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RefuseNulBytesMiddleware:
    """A NUL byte in the address, a query parameter or a form field is never something a person typed, and the
    database refuses it (PostgreSQL cannot store it in text): every such request gets the 400 page with the reason,
    before any view reads the value, instead of a 500 wherever a parameter reaches a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            from django.utils.translation import gettext as _

            from portal.errors import bad_request

            return bad_request(request, reason=_(
                "The address or the form contains a character that cannot be processed (a NUL byte). Check what "
                "was typed or pasted, remove it and try again; nothing was changed."))
        return self.get_response(request)


def _has_nul(request) -> bool:
    if "\x00" in request.path_info:
        return True
    sources = [request.GET]
    if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                             "multipart/form-data"):
        sources.append(request.POST)  # CsrfViewMiddleware reads it for every such POST anyway
    return any("\x00" in key or any("\x00" in value for value in values)
               for source in sources for key, values in source.lists())
