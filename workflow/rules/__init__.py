"""Pure workflow policy: the working-day calendar, case numbers and codes, the state machine, escalation."""
