"""The admin's history pages (django-simple-history) with each change as people read it: choices by their
label, times in local time to the minute, yes/no, and an empty value as a dash.

django-simple-history prints stored values as Python writes them: "in_production → ready",
"None → 2026-12-06 01:40:31.784719+00:00", and a foreign key that was empty as "Deleted 制卡批次 (pk=None)".
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

EMPTY = "—"


def readable_value(field: models.Field, value) -> str:
    """A stored value of a field as a page shows it."""
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return EMPTY
        return gettext("Deleted %(type_name)s") % {"type_name": value.model._meta.verbose_name}
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "Y-m-d")
    return str(value)


class _ShortDiff(ObjDiffDisplay):
    def shortened_str(self, prefix: str, num_skipped_chars: int, suffix: str) -> str:
        return f"{prefix}…{suffix}"


class ReadableHistory(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            return super().prepare_delta_change_value(change, value)
        return readable_value(field, value)

    def get_obj_diff_display(self) -> ObjDiffDisplay:
        return _ShortDiff(max_length=self.max_displayed_delta_change_chars)


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page reads as the rest of the admin."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)
