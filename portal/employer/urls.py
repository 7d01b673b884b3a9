"""URLs of the employer's online service (namespace "employer"); the home page stays portal:employer-home."""

from django.urls import path  # noqa: F401

app_name = "employer"

urlpatterns: list = []
