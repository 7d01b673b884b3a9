"""portal: the project package, the public site and the online channels."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from accounts import navigation

        navigation.register_home(perm="accounts.use_resident_site", url_name="portal:resident-home", priority=10)
        navigation.register_home(perm="accounts.use_employer_site", url_name="portal:employer-home", priority=10)
        navigation.register_nav(
            section="resident", label=_("My home"), url_name="portal:resident-home",
            perm="accounts.use_resident_site", order=0,
        )
        navigation.register_nav(
            section="employer", label=_("Employer home"), url_name="portal:employer-home",
            perm="accounts.use_employer_site", order=0,
        )
