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
