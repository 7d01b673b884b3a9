"""Money: a Decimal with two places, the same on every database, in sums as in single amounts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, Func, Sum
from django.utils.functional import cached_property

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Large enough for a city's yearly fund totals; sums are never stored, only read.
_SUM_FIELD = DecimalField(max_digits=20, decimal_places=2)


def to_cent(value) -> Decimal:
    """A money amount rounded to the cent (half up), e.g. 150.5 -> 150.50."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _to_cent_or_none(value, expression, connection):
    return None if value is None else to_cent(value)


class _MoneyValue:
    """Reads the database's value as money: SQLite's SUM of a decimal column is a float (150.5,
    6420.18000000000), PostgreSQL's a numeric with the column's places; both come back as 150.50."""

    output_field = _SUM_FIELD

    @cached_property
    def convert_value(self):
        return _to_cent_or_none


class MoneySum(_MoneyValue, Sum):
    """Sum() of a money column, as a Decimal with two places on every database."""


class Money(_MoneyValue, Func):
    """Any money expression (e.g. Sum(a) + Sum(b)) read as a Decimal with two places on every database."""

    function = ""
    template = "(%(expressions)s)"
