"""Mount the API's routers and declare access on its views (each authenticates its caller by token)."""

from accounts.access import delegated_access, public
from portal.api import banks, civil_affairs, market_regulation, public_security, tax
from portal.api.core import api

api.add_router("/public-security/", public_security.router)
api.add_router("/civil-affairs/", civil_affairs.router)
api.add_router("/market-regulation/", market_regulation.router)
api.add_router("/tax/", tax.router)
api.add_router("/banks/", banks.router)


def _declare_access(patterns):
    for pattern in patterns:
        if pattern.name == "openapi-json":
            public(pattern.callback)
        else:
            delegated_access("API bearer token with a scope per department")(pattern.callback)
    return patterns


patterns, app_name, namespace = api.urls
urlpatterns = _declare_access(patterns)
