"""portal: the project package, the public site and the online channels."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from counter.terminals import register_terminal
        from portal.employer import navigation as employer_navigation
        from portal.resident import navigation as resident_navigation

        resident_navigation.register()
        employer_navigation.register()
        register_terminal(label=_("Self-service kiosk"), url_name="kiosk:home")
