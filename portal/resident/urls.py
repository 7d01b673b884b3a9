"""URLs of the resident's online service (namespace "resident"); the home page stays portal:resident-home."""

from django.urls import path  # noqa: F401

app_name = "resident"

urlpatterns: list = []
