"""Forms of the workflow: the base of every service's own form, and the back office's decision forms."""

from __future__ import annotations

import json

from django import forms
from django.core.serializers.json import DjangoJSONEncoder


class ServiceForm(forms.Form):
    """Base of a service's form. It sees the application's context (applicant, channel) and turns its
    cleaned data into JSON-safe case data."""

    def __init__(self, *args, application=None, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)

    def to_data(self) -> dict:
        return json.loads(json.dumps(self.cleaned_data, cls=DjangoJSONEncoder))
