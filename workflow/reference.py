"""Published working-day calendars (State Council General Office notices), loaded by a data migration; and the
loader of the apps' time-limit tables (workflow.models.sourced.TimeLimitTable), which their migrations call."""

from datetime import date, timedelta

# (year, source, [(first day off, last day off, name)], [weekend days worked])
CALENDARS = [
    (
        2025, "国办发明电〔2024〕12号",
        [("2025-01-01", "2025-01-01", "元旦"), ("2025-01-28", "2025-02-04", "春节"),
         ("2025-04-04", "2025-04-06", "清明节"), ("2025-05-01", "2025-05-05", "劳动节"),
         ("2025-05-31", "2025-06-02", "端午节"), ("2025-10-01", "2025-10-08", "国庆节、中秋节")],
        ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    ),
    (
        2026, "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）",
        [("2026-01-01", "2026-01-03", "元旦"), ("2026-02-15", "2026-02-23", "春节"),
         ("2026-04-04", "2026-04-06", "清明节"), ("2026-05-01", "2026-05-05", "劳动节"),
         ("2026-06-19", "2026-06-21", "端午节"), ("2026-09-25", "2026-09-27", "中秋节"),
         ("2026-10-01", "2026-10-07", "国庆节")],
        ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
    ),
]


def calendar_rows():
    """(year, source, [(date, kind, name)]) for each published year."""
    for year, source, holidays, workdays in CALENDARS:
        rows = []
        for first, last, name in holidays:
            day, end = date.fromisoformat(first), date.fromisoformat(last)
            while day <= end:
                rows.append((day, "holiday", name))
                day += timedelta(days=1)
        rows += [(date.fromisoformat(d), "workday", "调休上班") for d in workdays]
        yield year, source, rows


def load_calendars(CalendarYear, CalendarDay) -> None:
    for year, source, rows in calendar_rows():
        CalendarYear.objects.get_or_create(year=year, defaults={"source": source, "verified": True})
        for day, kind, name in rows:
            CalendarDay.objects.get_or_create(date=day, defaults={"kind": kind, "name": name})


def seed_time_limits(model, rows) -> None:
    """Each (code, days, unit, source, verified) row into a time-limit table, added or brought up to date."""
    for code, days, unit, source, verified in rows:
        model.objects.update_or_create(code=code, defaults={"days": days, "unit": unit, "source": source,
                                                            "verified": verified})
