"""Errors the accounts services raise with a message meant for the user."""

from django.core.exceptions import ValidationError


class AccountsError(ValidationError):
    """A request the bureau's rules refuse; its message is shown to the user as is."""
