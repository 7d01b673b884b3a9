"""Public pages: the home page, the language switch and /healthz."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language as django_set_language

from accounts.access import public
from portal.health import health_report


@public
def home(request):
    return render(request, "portal/home.html")


@public
def set_language(request):
    return django_set_language(request)


@public
@never_cache
def healthz(request):
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)
