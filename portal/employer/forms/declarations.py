"""Forms of the monthly declaration: the month, the wage list typed online, the uploaded file."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insurance.catalogue.common import MonthField
from insurance.rules.months import add_months, month_start
from insurance.services.uploads import MAX_BYTES, WageRow
from portal.employer.selectors.declarations import WageLine

# Months an employer may declare online: back to two years, up to next month.
MONTHS_BACK = 24


def _month_in_range(value):
    this_month = month_start(timezone.localdate())
    if value > add_months(this_month, 1):
        raise forms.ValidationError(_("At most next month."))
    if value < add_months(this_month, -MONTHS_BACK):
        raise forms.ValidationError(_("Months more than two years back are paid back through a service hall."))
    return value


class MonthForm(forms.Form):
    month = MonthField(label=_("Month"))

    def clean_month(self):
        return _month_in_range(self.cleaned_data["month"])


class UploadForm(MonthForm):
    file = forms.FileField(label=_("Wage list (CSV or XLSX: identity number, name, wage)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class WageListForm(forms.Form):
    """One wage input per insured employee (named w<person id>); an empty one leaves the employee out."""

    def __init__(self, *args, lines: list[WageLine], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[self.key(line)] = forms.DecimalField(
                label=line.person.name, required=False, max_digits=10, decimal_places=2, min_value=Decimal("0.01"),
                initial=line.wage, widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}))

    @staticmethod
    def key(line: WageLine) -> str:
        return f"w{line.person.pk}"

    def rows(self) -> list[WageRow]:
        """The wages as the declaration service reads them, numbered as the rows of the page."""
        return [WageRow(row=i, id_number=line.person.id_number, name=line.person.name,
                        wage=str(self.cleaned_data[self.key(line)]))
                for i, line in enumerate(self.lines, start=1) if self.cleaned_data.get(self.key(line)) is not None]

    def clean(self):
        data = super().clean()
        if self.lines and not any(data.get(self.key(line)) is not None for line in self.lines):
            raise forms.ValidationError(_("Enter the wage of at least one employee."))
        return data

    def table(self, errors: dict[int, str] | None = None) -> list[tuple[int, WageLine, forms.BoundField, str]]:
        """(row number, line, input, the declaration's error for the row) for the template."""
        errors = errors or {}
        return [(i, line, self[self.key(line)], errors.get(i, "")) for i, line in enumerate(self.lines, start=1)]
