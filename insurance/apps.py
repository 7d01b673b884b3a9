"""insurance: social-insurance rules and records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsuranceConfig(AppConfig):
    name = "insurance"
    verbose_name = _("Social insurance")

    def ready(self) -> None:
        from accounts.signals import person_died
        from insurance import catalogue, permissions, profiles
        from insurance.services.death import on_person_died

        permissions.grant_all()
        catalogue.register_all()
        profiles.register_all()
        person_died.connect(on_person_died, dispatch_uid="insurance.person_died")
