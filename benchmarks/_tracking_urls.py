"""The portal's URLs plus a bare lookup view, served only by benchmarks/tracking.py (PORTAL_URLCONF=_tracking_urls).

The bare view is the yardstick: the same server, middleware and database, one indexed lookup, no template.
The leading underscore keeps benchmarks/run_all.py from running this module as a benchmark.
"""

from django.http import HttpResponse
from django.urls import path

from accounts.access import public
from portal.urls import urlpatterns as portal_urlpatterns
from workflow.models import Case


@public
def bare_lookup(request, code: str):
    status = Case.objects.filter(tracking_code=code).order_by().values_list("status", flat=True)[:1]
    found = list(status)
    return HttpResponse(found[0] if found else "not found", content_type="text/plain", status=200 if found else 404)


urlpatterns = [path("bench/bare/<str:code>/", bare_lookup, name="bench-bare"), *portal_urlpatterns]
