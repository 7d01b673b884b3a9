"""Pure rules of the resident's service: names compared as printed, files recognised by their bytes, safe file
names, a case's stages, the chart's geometry."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.identifiers import names_match
from portal.resident import rules
from portal.resident.charts import history_chart
from workflow.rules.files import sniff_content_type


@pytest.mark.parametrize(("typed", "registered", "match"), [
    ("李小梅", "李小梅", True),
    (" 李 小梅 ", "李小梅", True),
    ("李小", "李小梅", False),
    ("", "", False),
    ("阿依古丽·买买提", "阿依古丽·买买提", True),
    ("阿依古丽.买买提", "阿依古丽·买买提", True),  # the middle dot as a phone keyboard types it
    ("阿依古丽．买买提", "阿依古丽·买买提", True),  # full-width full stop
    ("阿依古丽买买提", "阿依古丽·买买提", False),
    ("ｗａｎｇ　ｆａｎｇ", "WANG FANG", True),  # full-width letters and space
])
def test_names_match_as_printed(typed, registered, match):
    assert names_match(typed, registered) is match


@pytest.mark.parametrize(("head", "kind"), [
    (b"%PDF-1.7\n", "application/pdf"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    (b"GIF89a", None),
    (b"MZ\x90\x00", None),
    (b"<html>", None),
    (b"PK\x03\x04", None),  # a zip or an office document
    (b"", None),
    (b" %PDF-1.7", None),  # the signature must come first
])
def test_files_are_recognised_by_their_first_bytes(head, kind):
    assert sniff_content_type(head) == kind


@pytest.mark.parametrize(("name", "safe"), [
    ("申请表.pdf", "申请表.pdf"),
    ("C:\\Users\\me\\photo.jpg", "photo.jpg"),
    ("../../etc/passwd", "passwd"),
    ("a\x00b\nc.png", "abc.png"),
    ("", "document"),
    ("...", "document"),
    ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
])
def test_file_names_are_made_safe(name, safe):
    assert rules.safe_file_name(name) == safe


def test_pdf_completeness_looks_for_the_end_marker():
    assert rules.pdf_looks_complete(b"...\n%%EOF\n") and not rules.pdf_looks_complete(b"...truncated")


@pytest.mark.parametrize(("status", "immediate", "states"), [
    ("completed", True, ["done", "done"]),
    ("routed", False, ["done", "current", "todo", "todo"]),
    ("in_review", False, ["done", "done", "current", "todo"]),
    ("supplement_requested", False, ["done", "done", "current", "todo"]),
    ("approved", False, ["done", "done", "done", "done"]),
    ("rejected", False, ["done", "done", "done", "done"]),
    ("withdrawn", False, ["done", "done", "done", "done"]),
    ("accepted", False, ["current", "todo", "todo", "todo"]),
])
def test_stages(status, immediate, states):
    assert [s.state for s in rules.stages(status, immediate=immediate)] == states


def test_the_last_stage_names_the_outcome_once_there_is_one():
    from workflow.rules.states import Status

    assert rules.stages("rejected", immediate=False)[-1].label == str(Status.REJECTED.label)
    assert rules.stages("in_review", immediate=False)[-1].label == "办理结果"


def row(year, kind, months=12, amount="1000.00"):
    return {"year": year, "insurance_type": kind, "months": months, "employer": Decimal(amount),
            "individual": Decimal("0")}


def test_the_chart_draws_the_newest_years_first_scaled_to_the_largest():
    chart = history_chart([row(2023, "pension", amount="500"), row(2024, "pension"), row(2024, "medical"),
                           row(2025, "pension", months=6, amount="250")])
    assert [r.year for r in chart.rows] == [2025, 2024, 2023]
    widest = chart.rows[1]
    assert widest.total == Decimal("2000") and [s.kind for s in widest.segments] == ["pension", "medical"]
    assert widest.segments[1].x == pytest.approx(widest.segments[0].x + widest.segments[0].w)
    right_edge = widest.segments[-1].x + widest.segments[-1].w
    assert right_edge == pytest.approx(100, abs=0.05)  # the largest year fills the bar area (per cent)
    assert chart.rows[0].pension_months == 6
    assert chart.types == (("pension", "基本养老保险"), ("medical", "基本医疗保险"))


def test_the_chart_keeps_fifteen_years_and_counts_the_rest():
    chart = history_chart([row(y, "pension") for y in range(1996, 2026)])
    assert len(chart.rows) == 15 and chart.hidden_years == 15 and chart.rows[-1].year == 2011
    assert history_chart([]).rows == ()
