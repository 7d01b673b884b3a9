"""django-axes (the login records) installed under a name of ours: its own is "Axes", which no catalogue translates.
A module of its own, for Django picks an app's config from its apps.py only when that holds one."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginRecordsConfig(AxesAppConfig):
    verbose_name = _("Login records")
