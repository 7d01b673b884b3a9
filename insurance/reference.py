"""Reference figures seeded by a data migration from ../shared/reference/figures.md.

Every row carries its source and whether it was seen in a published text (verified). Secondary and
unverified rows show as unverified in the admin, so that the bureau confirms them before production.
Figures not found at all (Dongying's medical rates, the reimbursement table) are marked placeholders.
The sources are data the bureau reads in the admin and on the rule pages, so they are written in Chinese.
"""

from datetime import date
from decimal import Decimal as D

UNVERIFIED_NATIONAL = "未核实：2019-05-01起执行的全国费率（国办发〔2019〕13号）"
PLACEHOLDER = "占位数据，未查到东营市的标准，须由本局核定"  # a placeholder: Dongying's figure not found

# (type, scheme, industry class, employer, individual, account, from, to, source, verified)
RATES = [
    ("pension", "employee", 0, "0.16", "0.08", "0.08", "2019-05-01", None, UNVERIFIED_NATIONAL, False),
    ("pension", "flexible", 0, "0", "0.20", "0.08", "2019-05-01", None,
     "未核实：灵活就业人员按20%缴费，其中8%记入个人账户（国办发〔2019〕13号）", False),
    ("medical", "employee", 0, "0.07", "0.02", "0", "2020-01-01", None,
     f"个人2%未核实；单位7%（含并入的生育保险）为{PLACEHOLDER}", False),
    ("medical", "flexible", 0, "0", "0.09", "0", "2020-01-01", None, PLACEHOLDER, False),
    ("unemployment", "employee", 0, "0.007", "0.003", "0", "2023-05-01", "2024-12-31",
     "人社部发〔2023〕19号（阶段性降低费率延续至2024年底）", True),
    ("unemployment", "employee", 0, "0.007", "0.003", "0", "2025-01-01", None,
     "未核实：2024年以后继续执行阶段性降低费率", False),
] + [
    ("work_injury", "employee", cls, rate, "0", "0", "2015-10-01", None, "人社部发〔2015〕71号", True)
    for cls, rate in enumerate(["0.002", "0.004", "0.007", "0.009", "0.011", "0.013", "0.016", "0.019"], start=1)
]

# (from, to, average wage, floor, ceiling, source)
BASES = [
    ("2024-01-01", "2024-12-31", "7359.42", "4416", "22078", "鲁人社字〔2024〕64号（转引）"),
    ("2025-01-01", "2025-12-31", "7506", "4504", "22518", "鲁人社字〔2025〕91号（转引）"),
    ("2026-01-01", None, "7621", "4573", "22863", "鲁人社字〔2026〕75号（转引）"),
]

CALCULATION_BASES = [(2025, "7831", "鲁人社字〔2025〕100号（转引）", False)]

NPC_2024 = "全国人大常委会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13)"
# (group, original months, target months, first birth month raised, birth months per step)
RETIREMENT = [
    ("male", 720, 756, "1965-01-01", 4),
    ("female_55", 660, 696, "1970-01-01", 4),
    ("female_50", 600, 660, "1975-01-01", 2),
]
MINIMUM = [(1998, 180, "《社会保险法》第十六条（15年）", True)] + [
    (year, 180 + 6 * (year - 2029), NPC_2024, True) for year in range(2030, 2040)
]

_DIVISORS = ("40:233 41:230 42:226 43:223 44:220 45:216 46:212 47:207 48:204 49:199 50:195 51:190 52:185 "
             "53:180 54:175 55:170 56:164 57:158 58:152 59:145 60:139 61:132 62:125 63:117 64:109 65:101 "
             "66:93 67:84 68:75 69:65 70:56")
DIVISORS = [(int(a), D(m)) for a, m in (pair.split(":") for pair in _DIVISORS.split())]
VERIFIED_DIVISORS = {50, 55, 60}

# (hospital level, deductible, ratio, yearly cap): no Dongying figures were found.
REIMBURSEMENT = [(1, "300", "0.90", "300000"), (2, "600", "0.85", "300000"), (3, "1000", "0.80", "300000")]


# Proof-of-life methods (code, counts): all four count, as every proof taken so far did; the bureau decides in the
# admin whether a code sent to the phone or an online login (nobody sees the pensioner) should go on counting.
PROOF_METHODS = [("sms_code", True), ("online_account", True), ("id_card", True), ("home_visit", True),
                 ("photo", True), ("silent", True)]
# The records that count as silent proof of life (code, counts): a reimbursed hospital stay and business done in
# person at a counter count; a card collected at a hall is offered for the bureau to switch on.
SILENT_EVIDENCE = [("hospital_reimbursement", True), ("counter_visit", True), ("card_collected", False)]


def _day(value):
    return date.fromisoformat(value) if value else None


def load_reference(apps=None) -> None:
    """Create the rows that are missing (idempotent; the admin's edits are kept)."""
    if apps is None:
        from django.apps import apps
    model = lambda name: apps.get_model("insurance", name)  # noqa: E731
    rate_model = model("ContributionRate")
    for kind, scheme, cls, emp, ind, acc, start, end, source, verified in RATES:
        rate_model.objects.get_or_create(
            insurance_type=kind, scheme=scheme, industry_class=cls, valid_from=_day(start),
            defaults={"employer_rate": D(emp), "individual_rate": D(ind), "account_rate": D(acc),
                      "valid_to": _day(end), "source": source, "verified": verified})
    for start, end, wage, floor, ceiling, source in BASES:
        model("ContributionBase").objects.get_or_create(
            valid_from=_day(start), defaults={"valid_to": _day(end), "average_wage": D(wage), "floor": D(floor),
                                              "ceiling": D(ceiling), "source": source, "verified": False})
    for year, amount, source, verified in CALCULATION_BASES:
        model("PensionCalculationBase").objects.get_or_create(
            year=year, defaults={"amount": D(amount), "source": source, "verified": verified})
    for group, original, target, starts, step in RETIREMENT:
        model("RetirementAgeRule").objects.get_or_create(
            group=group, defaults={"original_age_months": original, "target_age_months": target,
                                   "schedule_starts": _day(starts), "birth_months_per_step": step,
                                   "effective_from": date(2025, 1, 1), "source": NPC_2024, "verified": True})
    for year, months, source, verified in MINIMUM:
        model("MinimumContribution").objects.get_or_create(
            from_year=year, defaults={"months": months, "source": source, "verified": verified})
    for age, months in DIVISORS:
        verified = age in VERIFIED_DIVISORS
        model("PensionDivisor").objects.get_or_create(
            age=age, defaults={"months": months, "verified": verified,
                               "source": "国发〔2005〕38号" if verified else "未核实的汇编数据"})
    for level, deductible, ratio, cap in REIMBURSEMENT:
        model("ReimbursementPolicy").objects.get_or_create(
            hospital_level=level, valid_from=date(2024, 1, 1),
            defaults={"deductible": D(deductible), "ratio": D(ratio), "yearly_cap": D(cap),
                      "source": PLACEHOLDER, "verified": False})
    load_proof_methods(apps)


def load_proof_methods(apps) -> None:
    """The proof-of-life methods, once the model exists (the data migration of 0002 runs before it does)."""
    try:
        method_model = apps.get_model("insurance", "ProofMethod")
    except LookupError:
        return
    for code, counts in PROOF_METHODS:
        method_model.objects.get_or_create(code=code, defaults={"counts": counts})
    try:
        evidence_model = apps.get_model("insurance", "SilentEvidenceKind")
    except LookupError:
        return
    for code, counts in SILENT_EVIDENCE:
        evidence_model.objects.get_or_create(code=code, defaults={"counts": counts})
