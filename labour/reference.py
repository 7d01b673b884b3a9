"""The legal time limits of labour relations, seeded into the rule table (labour.TimeLimitRule) by the migration
from ../shared/reference/figures.md. Secondary sources are marked unverified: the bureau confirms them in the
admin. The sources are data the bureau reads, so they are written in Chinese."""

from __future__ import annotations

INSPECTION_RULES = "关于实施《劳动保障监察条例》若干规定（转引，未核实原文及条款）"
INSPECTION_ACT = "《劳动保障监察条例》第十七条（转引，未核实原文）"
ARBITRATION_ACT = "《劳动争议调解仲裁法》第二十九条（转引，未核实原文）"
ARBITRATION_AWARD = "《劳动争议调解仲裁法》第四十三条（转引，未核实原文）"
BUREAU = "未查到法定时限，由本局在规则表中核定（占位数据）"

# (code, days, unit, source, verified)
TIME_LIMITS = [
    ("complaint_accept", 5, "working", INSPECTION_RULES, False),
    ("complaint_conclude", 60, "working", INSPECTION_ACT, False),
    ("complaint_extend", 30, "working", INSPECTION_ACT + "：经劳动保障行政部门负责人批准可延长", False),
    ("arbitration_accept", 5, "calendar", ARBITRATION_ACT, False),
    ("arbitration_award", 45, "calendar", ARBITRATION_AWARD, False),
    ("arbitration_extend", 15, "calendar", ARBITRATION_AWARD + "：经仲裁委员会主任批准可延期一次", False),
    ("special_hours", 20, "working", BUREAU, False),
    ("special_hours_valid", 365, "calendar", BUREAU, False),
]

# What the catalogue's first limits are (the acceptance stage); the services read the table for the rest.
COMPLAINT_ACCEPT_DAYS = 5
ARBITRATION_ACCEPT_DAYS = 5
SPECIAL_HOURS_DAYS = 20


def seed_time_limits(TimeLimitRule) -> None:
    from workflow.reference import seed_time_limits as seed

    seed(TimeLimitRule, TIME_LIMITS)
