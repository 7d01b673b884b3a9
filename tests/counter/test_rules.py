"""The hall's pure rules: calling order, codes, waits, no-shows, booking and check-in windows, figures, charts."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import translation

from counter import rules
from counter.charts import bar_list, column_chart
from workflow.rules.calendar import SHANGHAI

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize(("category", "number", "code"), [
    ("ordinary", 1, "A001"), ("priority", 17, "B017"), ("appointment", 999, "C999"), ("ordinary", 10000, "A10000"),
])
def test_ticket_codes_carry_the_kind_and_three_digits(category, number, code):
    assert rules.ticket_code(category, number) == code


@pytest.mark.parametrize(("since", "minutes"), [
    (NOW, 0), (NOW - timedelta(seconds=59), 0), (NOW - timedelta(minutes=23, seconds=30), 23),
    (NOW - timedelta(hours=2), 120), (NOW + timedelta(minutes=1), 0),
])
def test_minutes_waited_are_whole_minutes_and_never_negative(since, minutes):
    assert rules.minutes_waited(since=since, now=NOW) == minutes


def test_ticket_numbers_start_at_one():
    with pytest.raises(ValueError):
        rules.ticket_code("ordinary", 0)


@pytest.mark.parametrize(("category", "slot_start", "transferred", "rank"), [
    ("ordinary", None, True, rules.RANK_TRANSFERRED),
    ("appointment", NOW - timedelta(minutes=1), False, rules.RANK_APPOINTMENT),
    ("appointment", NOW, False, rules.RANK_APPOINTMENT),
    ("appointment", NOW + timedelta(minutes=1), False, rules.RANK_ORDINARY),  # early: waits like anyone
    ("appointment", None, False, rules.RANK_ORDINARY),
    ("priority", None, False, rules.RANK_PRIORITY),
    ("ordinary", None, False, rules.RANK_ORDINARY),
])
def test_calling_order(category, slot_start, transferred, rank):
    assert rules.call_rank(category=category, slot_start=slot_start, now=NOW, transferred_here=transferred) == rank


def test_the_ranks_put_transfers_then_appointments_then_priority_then_everyone():
    assert rules.RANK_TRANSFERRED < rules.RANK_APPOINTMENT < rules.RANK_PRIORITY < rules.RANK_ORDINARY


@pytest.mark.parametrize(("recalls", "allowed"), [(0, False), (1, False), (2, True), (5, True)])
def test_no_show_only_after_the_recalls(recalls, allowed):
    assert rules.RECALLS_BEFORE_NO_SHOW == 2
    assert rules.may_mark_no_show(recalls) is allowed


@pytest.mark.parametrize(("ahead", "seconds", "windows", "minutes"), [
    (0, 300, 3, 0), (1, 300, 1, 5), (10, 300, 5, 10), (3, 100, 2, 3), (4, None, 2, 12), (4, 0, 0, 24),
])
def test_estimated_wait(ahead, seconds, windows, minutes):
    assert rules.estimated_wait_minutes(ahead=ahead, handling_seconds=seconds, open_windows=windows) == minutes


def test_announcement_is_spoken_in_the_screen_language():
    with translation.override("zh-hans"):
        assert rules.announcement("A017", 5) == "请 A 0 1 7 号到 5 号窗口办理"
    with translation.override("en"):
        assert rules.announcement("A017", 5) == "Number A 0 1 7, please go to window 5."


def test_booking_codes_are_unguessable_and_forgiving_to_type():
    codes = {rules.new_booking_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(rules.is_well_formed_booking_code(c) for c in codes)
    assert rules.normalize_booking_code(" 7k3m-9qxo ") == "7K3M9QX0"
    assert rules.normalize_booking_code("il") == "11"
    assert not rules.is_well_formed_booking_code("7K3M9QXU")  # U is not in the alphabet
    assert not rules.is_well_formed_booking_code("7K3M9QX")
    assert rules.format_booking_code("7K3M9QX0") == "7K3M-9QX0"


@pytest.mark.parametrize(("offset_minutes", "ok", "reason"), [
    (-61, False, "too_early"), (-60, True, ""), (0, True, ""), (29, True, ""), (30, True, ""), (31, False, "too_late"),
])
def test_check_in_from_an_hour_before_until_the_slot_ends(offset_minutes, ok, reason):
    start = NOW
    verdict = rules.check_in_verdict(now=start + timedelta(minutes=offset_minutes), slot_start=start,
                                     slot_end=start + timedelta(minutes=30))
    assert (verdict.ok, verdict.reason) == (ok, reason)


@pytest.mark.parametrize(("days_ahead", "ok", "reason"), [
    (0, False, "past"), (1, True, ""), (14, True, ""), (15, False, "too_far"), (-1, False, "past"),
])
def test_booking_from_tomorrow_up_to_two_weeks(days_ahead, ok, reason):
    today = NOW.date()
    day = today + timedelta(days=days_ahead)
    start = datetime.combine(day, time(9), tzinfo=SHANGHAI)
    verdict = rules.booking_verdict(today=today, slot_day=day, slot_start=start, now=NOW)
    assert (verdict.ok, verdict.reason) == (ok, reason)


@pytest.mark.parametrize(("hour", "days", "due"), [
    (8, 1, False), (9, 1, True), (19, 1, True), (20, 1, False), (10, 2, False), (10, 0, False),
])
def test_reminders_go_out_the_day_before_in_the_daytime(hour, days, due):
    now = NOW.replace(hour=hour)
    assert rules.reminder_due(now_local=now, slot_day=now.date() + timedelta(days=days)) is due


def test_slot_times():
    assert rules.slot_times(opens=time(9), closes=time(10, 45), minutes=30) == [
        (time(9), time(9, 30)), (time(9, 30), time(10)), (time(10), time(10, 30))]
    assert rules.slot_times(opens=time(9), closes=time(9, 20), minutes=30) == []
    with pytest.raises(ValueError):
        rules.slot_times(opens=time(9), closes=time(10), minutes=0)


def test_percentiles():
    assert rules.percentile([], 50) is None
    assert rules.percentile([7], 90) == 7
    assert rules.percentile([1, 2, 3, 4], 50) == 2.5
    assert rules.percentile(list(range(1, 11)), 90) == pytest.approx(9.1)
    assert rules.percentile([5, 1, 3], 0) == 1 and rules.percentile([5, 1, 3], 100) == 5


def test_evenness_of_the_windows_load():
    assert rules.evenness([]) is None and rules.evenness([10, 0]) is None
    even = rules.evenness([50, 50, 50, 0])
    assert even.cv == 0 and even.max_over_mean == 1 and even.verdict == "even"
    fair = rules.evenness([40, 60])
    assert fair.cv == pytest.approx(0.2) and fair.verdict == "fair"
    uneven = rules.evenness([10, 90])
    assert uneven.cv == pytest.approx(0.8) and uneven.max_over_mean == pytest.approx(1.8)
    assert uneven.verdict == "uneven"


def test_column_chart_stacks_series_and_scales_to_a_round_maximum():
    """Each bar titled "label series：value" (Chinese punctuation on a Chinese page)."""
    chart = column_chart(labels=["a", "b"], series=[("x", "seg-x", [3, 0]), ("y", "seg-y", [4, 10])], height=124)
    assert [t.text for t in chart["ticks"]] == ["0", "5", "10"]
    plot_h = 124 - 10 - 26
    heights = {(r.css, r.title): r.height for r in chart["rects"]}
    assert heights[("seg-x", "a x：3")] == pytest.approx(plot_h * 0.3, abs=0.1)
    assert heights[("seg-y", "b y：10")] == pytest.approx(plot_h, abs=0.1)
    assert ("seg-x", "b x：0") not in heights  # zero-height bars are left out
    stacked = [r for r in chart["rects"] if r.title.startswith("a ")]
    assert stacked[1].y + stacked[1].height == pytest.approx(stacked[0].y, abs=0.2)
    assert [(r.x, r.width) for r in chart["rects"] if r.title.startswith("b ")] == [(57.5, 35.0)]  # per cent
    assert not chart["empty"]


def test_a_column_chart_with_nothing_to_count_is_empty_and_labels_at_most_twelve_columns():
    chart = column_chart(labels=[f"d{d}" for d in range(30)], series=[("x", "seg-x", [0] * 30)])
    assert chart["empty"] and chart["rects"] == []
    assert [(label.text, label.minor) for label in chart["xlabels"]][:3] == [("d0", False), ("d3", True), ("d6", False)]
    assert len(chart["xlabels"]) == 10
    assert column_chart(labels=[], series=[("x", "seg-x", [])])["empty"]


def test_bar_list_scales_to_the_largest():
    chart = bar_list(items=[("W1", 10), ("W2", 5), ("W3", 0)])
    assert [row["width"] for row in chart["rows"]] == [100, 50, 0] and not chart["empty"]
    assert bar_list(items=[("W1", 0)])["empty"] and bar_list(items=[])["empty"]



def test_a_range_is_at_most_92_days_both_ends_included():
    from datetime import date, timedelta

    first = date(2026, 3, 2)
    assert rules.range_ok(first, first)
    assert rules.range_ok(first, first + timedelta(days=91))
    assert not rules.range_ok(first, first + timedelta(days=92))
    assert not rules.range_ok(first, first - timedelta(days=1))
