"""What a list's rows need once per list, whoever renders them (a template tag writing rows in Python, a selector
handing labelled rows to a template): an object's address made without reverse() per row, the words of a field's
choices translated once, the CSRF field of the row forms."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils.html import conditional_escape, format_html


def address_of(name: str, placeholder, *, kwarg: str | None = None) -> Callable[[object], str]:
    """reverse(name) once, with `placeholder` for the object's key (positional, or the keyword `kwarg`); each row's
    address is made by putting its key in (keys that need no quoting: primary keys, case numbers), escaped."""
    url = reverse(name, kwargs={kwarg: placeholder}) if kwarg else reverse(name, args=[placeholder])
    head, _sep, tail = url.partition(str(placeholder))
    return lambda key: conditional_escape(f"{head}{key}{tail}")


def choice_labels(model, field: str = "status") -> dict:
    """get_<field>_display() of every value, translated once for a list (the model's method rebuilds its choices
    at every call)."""
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


def csrf_field(context) -> str:
    """{% csrf_token %} of a template context: the hidden field, or nothing where no token was provided."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker, not a secret
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
