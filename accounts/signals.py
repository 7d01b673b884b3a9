"""Signals the registry sends so that higher apps can react (their receivers call one of their own services)."""

from django.dispatch import Signal

# Sent inside the transaction that records a death: person, date_of_death, actor.
person_died = Signal()

# Sent when another department (the police's population register, a death notice of the police or civil affairs)
# reports a death, in the transaction that records it and just before it is recorded (the person still alive in
# the database): person, date_of_death, source, actor. Insurance opens a case for the district to confirm it.
person_death_reported = Signal()

# Sent when civil affairs' facts about a person change (household lists, disability): person, fields, actor.
# Employment re-judges the person's employment-difficulty status and raises prompts.
person_facts_changed = Signal()
