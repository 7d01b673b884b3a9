"""employment: employment-service rules and records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    name = "employment"
    verbose_name = _("Employment services")

    def ready(self) -> None:
        from employment import bundles, catalogue, permissions, proactive, profiles, receivers

        permissions.grant_all()
        catalogue.register_all()
        bundles.register_all()
        profiles.register_all()
        proactive.register_all()
        receivers.connect_all()
