"""labour: labour relations (inspection complaints, arbitration, contract and working-hours filings)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourConfig(AppConfig):
    name = "labour"
    verbose_name = _("Labour relations")

    def ready(self) -> None:
        from labour import catalogue, permissions, profiles, receivers

        permissions.grant_all()
        catalogue.register_all()
        profiles.register_all()
        receivers.connect_all()
