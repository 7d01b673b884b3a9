"""The portal's URLs: public site, online channels, each app's pages, the admin."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal.employer import views as employer_views
from portal.observability import views as observability_views
from portal.public import views as public_views
from portal.resident import views as resident_views

portal_patterns = (
    [
        path("", public_views.home, name="home"),
        path("i18n/setlang/", public_views.set_language, name="set-language"),
        path("me/", resident_views.home, name="resident-home"),
        path("employer/", employer_views.home, name="employer-home"),
    ],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("healthz", public_views.healthz, name="healthz"),
    path("metrics", observability_views.metrics, name="metrics"),
    path("accounts/", include("accounts.urls")),
    path("me/", include("portal.resident.urls")),
    path("employer/", include("portal.employer.urls")),
    path("kiosk/", include("portal.kiosk.urls")),
    path("track/", include("workflow.urls.tracking")),
    path("ratings/", include("workflow.urls.ratings")),
    path("cases/", include("workflow.urls.backoffice")),
    path("receipts/", include("workflow.urls.receipts")),
    path("sms/", include("workflow.urls.sms")),
    path("insurance/", include("insurance.urls")),
    path("employment/", include("employment.urls")),
    path("labour/", include("labour.urls")),
    path("hall/", include("counter.urls")),
    path("api/v1/", include(("portal.api.urls", "api"), namespace="api")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = admin.site.site_title = _("Dongying HRSS integrated platform administration")

# Every error page is the portal's own, in the site layout and the user's language (portal/errors.py).
handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
