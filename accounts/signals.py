"""Signals the registry sends so that higher apps can react (their receivers call one of their own services)."""

from django.dispatch import Signal

# Sent inside the transaction that records a death: person, date_of_death, actor.
person_died = Signal()

# Sent when another department (the police's population register, a death notice of the police or civil affairs)
# reports a death, in the transaction that records the report (Person.death_reported_on; the person is still alive
# in the database until the district confirms it): person, date_of_death, source, actor. Insurance opens a case for
# the district to confirm it and holds the pension; employment suspends benefits.
person_death_reported = Signal()

# Sent when the district finds a reported death wrong, in the transaction that clears the report: person, actor.
# What the report suspended resumes.
person_death_report_withdrawn = Signal()

# Sent when civil affairs' facts about a person change (household lists, disability): person, fields, actor.
# Employment re-judges the person's employment-difficulty status and raises prompts.
person_facts_changed = Signal()
