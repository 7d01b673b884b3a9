"""django-otp's device apps installed under names of ours, and its device models named in the portal's language:
their own ("Otp_Totp", "TOTP device", "static token") no catalogue translates, and the admin shows them in the
roles' permission lists and the log's filters. A module of its own, as for django-axes (login_records.py)."""

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class AuthenticatorAppsConfig(TOTPConfig):
    verbose_name = _("Authenticator apps")

    def ready(self):
        super().ready()
        model = self.get_model("TOTPDevice")
        # Only the runtime names: Meta.original_attrs, which migrations compare, is untouched.
        model._meta.verbose_name = _("authenticator app")
        model._meta.verbose_name_plural = _("authenticator apps")


class RecoveryCodesConfig(StaticConfig):
    verbose_name = _("Recovery codes")

    def ready(self):
        super().ready()
        device, token = self.get_model("StaticDevice"), self.get_model("StaticToken")
        device._meta.verbose_name = device._meta.verbose_name_plural = _("set of recovery codes")
        token._meta.verbose_name = token._meta.verbose_name_plural = _("recovery code")
