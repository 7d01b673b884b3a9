"""The one form of a bundled life event: each field of its services' forms asked once, each service's own form
validating its part (so that its own clean methods run), the errors shown on the one form."""

from __future__ import annotations

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.bundles import BundleSpec
from workflow.registry import Application, registry


class BundleForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, spec: BundleSpec, channel: str, actor, person=None, office=None, **kwargs):
        self.spec, self.channel, self.actor, self.person, self.office = spec, channel, actor, person, office
        super().__init__(*args, **kwargs)
        for name, field in spec.fields().items():
            self.fields[name] = copy.deepcopy(field)
        self.fields["key"] = self.fields.pop("key")  # last, after the services' fields

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        values = {name: self._raw(name) for name in self.fields if name != "key"}
        merged: dict = {}
        for part in self.spec.parts:
            service = registry.get(part.service)
            if service.form is None:
                continue
            application = Application(service=service, channel=self.channel, actor=self.actor, person=self.person,
                                      office=self.office)
            form = service.form(data=self.spec.part_data(part, values), application=application)
            if form.is_valid():
                merged.update({k: v for k, v in form.to_data().items() if k not in part.fixed})
                continue
            for name, errors in form.errors.items():
                for error in errors:
                    if name in self.fields:
                        self.add_error(name, error)
                    else:
                        self.add_error(None, _("%(service)s: %(error)s") % {"service": service.name, "error": error})
        self.bundle_data = merged
        return cleaned

    def _raw(self, name: str):
        """The value as sent, for the service's own form to read (a list for a multiple choice)."""
        key = self.add_prefix(name)
        if isinstance(self.fields[name].widget, forms.SelectMultiple) and hasattr(self.data, "getlist"):
            return self.data.getlist(key)
        return self.data.get(key)
