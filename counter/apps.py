"""counter: the service hall, its queue, windows, desk and appointments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounterConfig(AppConfig):
    name = "counter"
    verbose_name = _("Service hall")
