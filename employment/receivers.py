"""Receivers of the signals of the apps below: each calls one of employment's services.

A death is recorded all or nothing with what it stops here. Contributions and civil affairs' facts are
recorded whatever employment makes of them: its service runs in a savepoint, and a failure is logged (the
nightly sweeps catch up) rather than undoing the payment or the data exchange.
"""

from __future__ import annotations

import logging

from django.db.models.signals import post_save

logger = logging.getLogger(__name__)


def on_person_died(sender, *, person, date_of_death, actor, **kwargs) -> None:
    from employment.services import employment_death_record

    employment_death_record(person=person, date_of_death=date_of_death, actor=actor)


def on_person_death_reported(sender, *, person, actor, **kwargs) -> None:
    from employment.services.lifecycle import employment_death_reported

    employment_death_reported(person=person, actor=actor)


def on_person_death_report_withdrawn(sender, *, person, actor, **kwargs) -> None:
    from employment.services.lifecycle import employment_death_report_withdrawn

    employment_death_report_withdrawn(person=person, actor=actor)


def on_facts_changed(sender, *, person, actor=None, **kwargs) -> None:
    from employment.services import facts_changed

    try:
        facts_changed(person=person, actor=actor)
    except Exception:
        logger.exception("Could not re-judge the prompts of person %s.", person.pk)


def on_contributions_recorded(sender, *, person_ids, months, employer_id=None, source="", **kwargs) -> None:
    from accounts.services import system_user
    from employment.services import contributions_received

    try:
        contributions_received(person_ids=list(person_ids), months=list(months), employer_id=employer_id,
                               source=source, actor=system_user())
    except Exception:
        logger.exception("The fraud check of %s contributions failed; the nightly sweep repeats it.", source)


def on_case_saved(sender, *, instance, created, **kwargs) -> None:
    """A business a prompt suggested was accepted: its prompt disappears."""
    from employment.rules.prompts import SUGGESTS

    if created and instance.person_id and instance.service.code in SUGGESTS.values():
        from employment.services import prompts_acted_on

        prompts_acted_on(case=instance)


def connect_all() -> None:
    from accounts.signals import person_death_report_withdrawn, person_death_reported, person_died, person_facts_changed
    from insurance.selectors import contributions_declared, contributions_recorded
    from workflow.models import Case

    person_died.connect(on_person_died, dispatch_uid="employment.person_died")
    person_death_reported.connect(on_person_death_reported, dispatch_uid="employment.person_death_reported")
    person_death_report_withdrawn.connect(on_person_death_report_withdrawn,
                                          dispatch_uid="employment.person_death_report_withdrawn")
    person_facts_changed.connect(on_facts_changed, dispatch_uid="employment.person_facts_changed")
    contributions_recorded.connect(on_contributions_recorded, dispatch_uid="employment.contributions_recorded")
    contributions_declared.connect(on_contributions_recorded, dispatch_uid="employment.contributions_declared")
    post_save.connect(on_case_saved, sender=Case, dispatch_uid="employment.case_saved")
