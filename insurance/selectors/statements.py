"""What a rights statement shows, assembled in a fixed number of queries (3) whatever the history's length."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from accounts.models import Person
from insurance.models import CarriedOverRecord, Contribution, InsuranceType, Payer, RightsStatement
from insurance.rules.codes import normalize_code
from insurance.rules.contributions import ZERO
from insurance.selectors.contributions import statement_rows, totals_before

TYPES = [t.value for t in InsuranceType]


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def statement_data(*, person: Person, year: int) -> dict:
    """The figures of a person's statement for a year, JSON-safe (stored with the issued statement)."""
    rows = statement_rows(person=person, year=year)
    before = totals_before(person=person, year=year)
    carried = CarriedOverRecord.objects.filter(person=person).first()
    carried_months = carried.pension_months if carried else 0
    per_type: dict[str, dict] = {}
    months: dict[str, dict] = defaultdict(lambda: {"base": ZERO, "parts": {}, "payers": set(), "owed": False})
    credited = owed = ZERO
    for row in rows:
        entry = per_type.setdefault(row.insurance_type, {"months": set(), "bases": {}, "employer": ZERO,
                                                         "individual": ZERO})
        key = f"{row.month:%Y-%m}"
        if row.status == Contribution.Status.PAID:
            entry["months"].add(key)
            entry["employer"] += row.employer_part
            entry["individual"] += row.individual_part
            if row.payer != Payer.SUBSIDY:
                entry["bases"][key] = row.base
            if row.insurance_type == InsuranceType.PENSION:
                credited += row.account_part
        else:
            owed += row.employer_part + row.individual_part
        month = months[key]
        month["base"] = max(month["base"], row.base)
        employer, individual = month["parts"].get(row.insurance_type, (ZERO, ZERO))
        month["parts"][row.insurance_type] = (employer + row.employer_part, individual + row.individual_part)
        month["payers"].add(row.payer)
        month["owed"] = month["owed"] or row.status == Contribution.Status.OWED
    types = []
    for kind in TYPES:
        entry = per_type.get(kind)
        earlier = before.get(kind, {}).get("months", 0) + (carried_months if kind == InsuranceType.PENSION else 0)
        if entry is None and not earlier:
            continue
        entry = entry or {"months": set(), "bases": {}, "employer": ZERO, "individual": ZERO}
        bases = list(entry["bases"].values())
        average = (sum(bases, ZERO) / len(bases)).quantize(Decimal("0.01")) if bases else ZERO
        types.append({"type": kind, "months": len(entry["months"]), "months_total": earlier + len(entry["months"]),
                      "base_average": _money(average), "employer": _money(entry["employer"]),
                      "individual": _money(entry["individual"])})
    opening = before.get(InsuranceType.PENSION, {}).get("account", ZERO) + (carried.account_balance if carried
                                                                              else ZERO)
    return {
        "year": year, "name": person.name, "id_number": person.masked_id_number,
        "carried_months": carried_months, "types": types,
        "months": [{"month": k, "base": _money(v["base"]), "owed": v["owed"], "payers": sorted(v["payers"]),
                    "parts": {t: [_money(e), _money(i)] for t, (e, i) in v["parts"].items()}}
                   for k, v in sorted(months.items())],
        "account": {"opening": _money(opening), "credited": _money(credited), "closing": _money(opening + credited)},
        "owed": _money(owed),
    }


def statement_by_code(*, code: str) -> RightsStatement | None:
    """An issued statement by its verification code, typed with or without dashes (1 query)."""
    code = normalize_code(code)
    if not code:
        return None
    return RightsStatement.objects.defer("pdf").filter(code=code).first()


def statements_of(*, person: Person, limit: int = 10) -> list[RightsStatement]:
    return list(RightsStatement.objects.defer("pdf", "summary").filter(person=person)[:limit])
