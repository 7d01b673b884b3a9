"""Pure policy of ratings (政务服务"好差评"): the five levels, the reasons offered, what counts as a bad rating,
the satisfaction rate, and the time limits of a rectification. No database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

# The State Council's opinion of 2019 (国办发〔2019〕51号) and GB/T 39735-2020 rate a service on five levels.
MIN_SCORE, MAX_SCORE = 1, 5
BAD_AT_MOST = 2  # 不满意 and 非常不满意 are 差评: each opens a rectification
SATISFIED_AT_LEAST = 3  # 基本满意 and above count as satisfied in the satisfaction rate
COMMENT_MAX = 300
REASONS_MAX = 8
# How long a link in a completion SMS stays usable.
SMS_LINK_DAYS = 90


class Level(models.IntegerChoices):
    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    BASICALLY_SATISFIED = 3, _("Basically satisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


class Reason(models.TextChoices):
    """The reasons a rater may tick, after the headings of the bad-rating content of GB/T 39734-2020 (Annex A)
    as summarised in secondary sources: we could not read the standard's text, so the bureau confirms the list."""

    ATTITUDE = "attitude", _("Staff attitude")
    SLOW = "slow", _("Took too long or past the time limit")
    WAIT = "wait", _("Long wait at the hall")
    GUIDE = "guide", _("Service guide unclear or inaccurate")
    MATERIALS = "materials", _("Too many or repeated materials asked for")
    TRIPS = "trips", _("Had to come more than once")
    CHANNELS = "channels", _("Online or self-service channel hard to use")
    RESULT = "result", _("Result not explained")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    """Where a rating was given. The receipt's QR code and tracking link are a channel of their own (扫码评价,
    as the opinion names the evaluation QR code beside "online"): whoever holds the receipt may rate there, without
    a login, so it must not take the applicant's own online rating away."""

    DESK = "desk", _("Rating pad at the window")
    ONLINE = "online", _("Online (my cases)")
    SMS = "sms", _("Link in the SMS")
    KIOSK = "kiosk", _("Self-service kiosk")
    RECEIPT = "receipt", _("Receipt QR code or tracking link")


def is_bad(score: int) -> bool:
    return MIN_SCORE <= score <= BAD_AT_MOST


def satisfaction_rate(counts: dict[int, int]) -> float | None:
    """The share of ratings at 基本满意 or above, in percent (None when nobody rated)."""
    total = sum(counts.values())
    if not total:
        return None
    satisfied = sum(n for score, n in counts.items() if score >= SATISFIED_AT_LEAST)
    return round(100 * satisfied / total, 1)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def next_first(self) -> date:
        return date(self.year + (self.month == 12), self.month % 12 + 1, 1)

    @property
    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def parse_month(value: str | None, *, today: date) -> Month:
    """The month a picker asks for (YYYY-MM), the current one when missing, malformed or in the future."""
    current = Month(today.year, today.month)
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        asked = Month(year, month)
        asked.first  # noqa: B018 - raises for a month out of range
    except (ValueError, TypeError):
        return current
    if asked.year < 2000 or asked.first > current.first:
        return current
    return asked


# The rule table's first rows (workflow.RatingTimeLimit; the bureau edits them): (code, days, unit, source, verified).
OPINION = "《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）"
TIME_LIMITS = [
    ("reply", 1, "working", OPINION + "要求差评核实整改；答复时限由本局核定（未见原文规定）", False),
    ("rectify", 15, "working", OPINION + "：对实名差评，回访整改情况原则上不超过15个工作日", True),
]
