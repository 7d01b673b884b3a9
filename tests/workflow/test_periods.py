"""The back-office period cut at local midnights (pure)."""

from datetime import date, timedelta

from tests.workflow.backoffice_support import sh
from workflow.rules.periods import midnight, period_of


def test_the_period_is_thirty_days_cut_at_the_next_local_midnight():
    p = period_of(sh(2026, 3, 12, 10, 30))
    assert p.since == sh(2026, 2, 10, 10, 30)
    assert (p.first_day, p.first_start) == (date(2026, 2, 11), sh(2026, 2, 11))
    assert (p.today, p.today_start, p.last_closed_day) == (date(2026, 3, 12), sh(2026, 3, 12), date(2026, 3, 11))


def test_a_period_starting_at_midnight_has_no_partial_first_day():
    p = period_of(sh(2026, 3, 12))
    assert p.since == p.first_start == sh(2026, 2, 10)


def test_local_midnight_is_shanghai_time_whatever_the_utc_date():
    p = period_of(sh(2026, 3, 12, 0, 30))  # 2026-03-11 16:30 UTC
    assert p.today == date(2026, 3, 12)
    assert midnight(p.today) - midnight(p.today - timedelta(days=1)) == timedelta(days=1)
