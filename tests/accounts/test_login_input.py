"""A user name longer than any user name (10,000 characters) is refused by the login form itself: no login
attempt is made or logged with it (the attempt log's column holds 255 characters: a 500 on PostgreSQL)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_user_name_too_long_is_a_field_error_and_no_attempt(client):
    attempts, failures = AccessAttempt.objects.count(), AccessFailureLog.objects.count()
    response = client.post(reverse("accounts:login"), {"username": "x" * 10_000, "password": "１２３４５"})
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert (AccessAttempt.objects.count(), AccessFailureLog.objects.count()) == (attempts, failures)
    assert "_auth_user_id" not in client.session


def test_a_user_name_of_ordinary_length_is_still_tried(client):
    response = client.post(reverse("accounts:login"), {"username": "clerk", "password": "Dongying@2026"})
    assert response.status_code == 302 and "_auth_user_id" in client.session
