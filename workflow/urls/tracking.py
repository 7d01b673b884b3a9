"""Public case tracking (/track/ and /track/<code>/)."""

from django.urls import path

from workflow.views import bundles, ratings, tracking

app_name = "tracking"

urlpatterns = [
    path("", tracking.track, name="track"),
    # A life event's code (一件事): every case of it on one page.
    path("bundle/<str:code>/", bundles.bundle_detail, name="bundle-detail"),
    # Any text, so that a malformed code reaches the same not-found page as an unknown one.
    path("<str:code>/", tracking.track_detail, name="track-detail"),
    path("<str:code>/rate/", ratings.track_rate, name="track-rate"),
]
