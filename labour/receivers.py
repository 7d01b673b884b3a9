"""Receivers: a complaint or arbitration case just accepted (by any channel) gets its labour record."""

from __future__ import annotations

from django.db.models.signals import post_save


def on_case_saved(sender, *, instance, created, **kwargs) -> None:
    if not created:
        return
    from labour.catalogue import ARBITRATION, COMPLAINT

    code = instance.service.code
    if code == COMPLAINT:
        from labour.services import complaint_register

        complaint_register(case=instance)
    elif code == ARBITRATION:
        from labour.services import arbitration_register

        arbitration_register(case=instance)


def connect_all() -> None:
    from workflow.models import Case

    post_save.connect(on_case_saved, sender=Case, dispatch_uid="labour.case_saved")
