"""Signals insurance sends so that the apps above it can react without insurance knowing them.

contributions_recorded: sent inside the transaction that records contributions as paid (a payment
confirmation, a back payment, a flexible-employment payment, later the tax bureau's API), with
person_ids (list of int), months (list of date, first days), employer_id (int or None) and source (str).
Receivers run in that transaction: what must reach the outside world goes through transaction.on_commit.
"""

from django.dispatch import Signal

contributions_recorded = Signal()

# Sent inside the transaction that declares an employer's month (before any payment), with the same
# arguments: an employer now says it employs these persons in that month.
contributions_declared = Signal()
