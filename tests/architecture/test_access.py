"""Access is refused by default: every URL declares who may use it, and a view that does not is refused."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from accounts.access import access_rule_of
from portal import urls as portal_urls


def _patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_url_declares_its_access():
    undeclared = [route for route, callback in _patterns() if access_rule_of(callback) is None]
    assert not undeclared, f"views without an access rule: {undeclared}"


def test_the_access_middleware_is_installed(settings):
    assert "accounts.access.AccessMiddleware" in settings.MIDDLEWARE


def undeclared_view(request):
    return HttpResponse("secret")


urlpatterns = [path("undeclared/", undeclared_view), *portal_urls.urlpatterns]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.architecture.test_access")
def test_a_view_that_declares_nothing_is_refused(client, users):
    client.force_login(users["admin"])
    response = client.get("/undeclared/")
    assert response.status_code == 403
    assert b"secret" not in response.content


