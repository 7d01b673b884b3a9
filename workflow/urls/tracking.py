"""Public case tracking (/track/ and /track/<code>/)."""

from django.urls import path

from workflow.views import ratings, tracking

app_name = "tracking"

urlpatterns = [
    path("", tracking.track, name="track"),
    # Any text, so that a malformed code reaches the same not-found page as an unknown one.
    path("<str:code>/", tracking.track_detail, name="track-detail"),
    path("<str:code>/rate/", ratings.track_rate, name="track-rate"),
]
