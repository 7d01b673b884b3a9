"""Signals the registry sends so that higher apps can react (their receivers call one of their own services)."""

from django.dispatch import Signal

# Sent inside the transaction that records a death: person, date_of_death, actor.
person_died = Signal()

# Sent when civil affairs' facts about a person change (household lists, disability): person, fields, actor.
# Employment re-judges the person's employment-difficulty status and raises prompts.
person_facts_changed = Signal()
