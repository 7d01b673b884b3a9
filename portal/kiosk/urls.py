"""URLs of the self-service kiosk (namespace "kiosk", mounted at /kiosk/)."""

from django.urls import path  # noqa: F401

app_name = "kiosk"

urlpatterns: list = []
