"""insurance: social-insurance rules and records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsuranceConfig(AppConfig):
    name = "insurance"
    verbose_name = _("Social insurance")

    def ready(self) -> None:
        from accounts.signals import person_death_report_withdrawn, person_death_reported, person_died
        from insurance import bundles, catalogue, permissions, proactive, profiles
        from insurance.services.death import on_person_death_report_withdrawn, on_person_death_reported, on_person_died

        permissions.grant_all()
        catalogue.register_all()
        bundles.register_all()
        profiles.register_all()
        proactive.register_all()
        person_died.connect(on_person_died, dispatch_uid="insurance.person_died")
        person_death_reported.connect(on_person_death_reported, dispatch_uid="insurance.person_death_reported")
        person_death_report_withdrawn.connect(on_person_death_report_withdrawn,
                                              dispatch_uid="insurance.person_death_report_withdrawn")
        _connect_reference()


def _connect_reference() -> None:
    """The retirement-age table is shared per process (insurance.selectors.reference): an edit clears it."""
    from django.db.models.signals import post_delete, post_save

    from insurance.models import RetirementAgeRule
    from insurance.selectors.reference import age_schedules_changed

    for signal in (post_save, post_delete):
        signal.connect(age_schedules_changed, sender=RetirementAgeRule,
                       dispatch_uid=f"insurance.age_schedules_changed.{signal is post_save}")
