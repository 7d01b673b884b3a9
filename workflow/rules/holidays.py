"""Public holidays fixed by law, for a year whose State Council notice is not published (or loaded) yet.

《全国年节及纪念日放假办法》 as revised on 2024-11-10, in force 2025-01-01: 元旦 1 day (1 January);
春节 4 days (农历除夕 and 正月初一 to 初三); 清明节 1 day (the day of the 清明 solar term); 劳动节 2 days (1-2 May);
端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五); 国庆节 3 days (1-3 October). The yearly notice adds bridge
days and weekend days worked in exchange, which no rule can foresee: until it is loaded, these days are all that
is known, and they are provisional.

The lunar dates and the solar term come from lunar-python (6tail's 寿星万年历 algorithms, pure Python): its 春节,
端午, 中秋 and 清明 agree with the astronomical sxtwl library for every year 1901-2099.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def _solar(day) -> date:
    return date(day.getYear(), day.getMonth(), day.getDay())


@lru_cache(maxsize=256)
def _holidays(year: int) -> tuple[tuple[date, str], ...]:
    from lunar_python import Lunar  # imported only once a year without a notice is reached

    spring = _solar(Lunar.fromYmd(year, 1, 1).getSolar())  # 正月初一 of the lunar year that starts in `year`
    days = [(date(year, 1, 1), "元旦"), (spring - timedelta(days=1), "春节（除夕）")]
    days += [(spring + timedelta(days=n), "春节") for n in range(3)]
    days.append((_solar(Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]), "清明节"))
    days += [(date(year, 5, 1), "劳动节"), (date(year, 5, 2), "劳动节")]
    days.append((_solar(Lunar.fromYmd(year, 5, 5).getSolar()), "端午节"))
    days.append((_solar(Lunar.fromYmd(year, 8, 15).getSolar()), "中秋节"))
    days += [(date(year, 10, n), "国庆节") for n in (1, 2, 3)]
    return tuple(sorted(days))


def statutory_holidays(year: int) -> dict[date, str]:
    """The statutory days off of `year` with their names (a 中秋 falling in the 国庆 days counts once)."""
    return dict(_holidays(year))


@lru_cache(maxsize=256)
def statutory_holiday_dates(year: int) -> frozenset[date]:
    return frozenset(day for day, _name in _holidays(year))
