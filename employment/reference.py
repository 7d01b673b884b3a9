"""Rule tables seeded by a data migration from ../shared/reference/figures.md.

Every row carries its source and whether it was seen in a published text (verified). Amounts that were
not found at all are placeholders the bureau must set; the admin shows which rows are unverified.
"""

from datetime import date
from decimal import Decimal as D

PLACEHOLDER = "PLACEHOLDER: Dongying's figure not found; the bureau must set it"

# (subsidy, variant, amount, unit, unemployment-insurance months required, valid from, source, verified)
SUBSIDIES = [
    ("startup", "", "12000", "case", 12, "2017-01-01",
     "amount verified (Shandong provincial start-up policy, 2017 era); conditions and the 12 months of "
     "unemployment insurance unverified", False),
    ("startup_jobs", "", "2000", "job", 1, "2018-01-01",
     "2,000 per job verified for Qingdao (青人社规〔2018〕8号) and Jinan; Dongying unverified; the hired "
     "person insured through the employer (1 month) unverified", False),
    ("job_referral", "", "200", "person", 1, "2017-01-01", f"amount: {PLACEHOLDER}; the person placed "
     "insured for a month: unverified", False),
    ("vocational_training", "primary", "1000", "case", 12, "2017-01-01",
     "unverified: amounts by certificate level commonly reported (primary 1,000 / intermediate 1,500 / "
     "advanced 2,000) with a year of unemployment insurance; the bureau must confirm", False),
    ("vocational_training", "intermediate", "1500", "case", 12, "2017-01-01",
     "unverified: see the primary level", False),
    ("vocational_training", "advanced", "2000", "case", 12, "2017-01-01",
     "unverified: see the primary level", False),
    ("startup_training", "", "1000", "case", 0, "2017-01-01",
     f"amount: {PLACEHOLDER}; exempt from the unemployment-insurance check (issue 5)", False),
    ("flexible_insurance", "", "0", "contributions", 0, "2017-01-01",
     "unverified (财社〔2017〕164号): at most 2/3 of the contributions actually paid, at most 3 years; people "
     "within 5 years of retirement until they retire. No fixed amount: computed from the contributions", False),
]

# (tier, amount, valid from, source, verified)
MINIMUM_WAGES = [
    (1, "2200", "2021-10-01",
     "unverified: figures of 2,200 and 2,400 yuan a month are both reported for Shandong's first tier; "
     "the bureau must confirm the current amount", False),
]

# (percent, the city's wage tier, valid from, source, verified)
BENEFIT_LEVELS = [
    ("90", 1, "2019-01-01", "level unverified for Shandong (90% of the local minimum wage); Dongying in the "
     "first minimum-wage tier verified for 2017", False),
]

FUND_SOURCE = "classification practice (unverified): the bureau must confirm each rule"
# (item, situation, fund, priority, source)
FUND_RULES = [
    ("benefit", "any", "ui_fund", 0,
     "社会保险法 Art. 45–48: unemployment benefit is paid from the unemployment-insurance fund (not checked here)"),
    ("vocational_training", "insured", "ui_fund", 10,
     "unverified: training of insured workers (skills upgrading) paid from the unemployment-insurance fund"),
    ("vocational_training", "any", "employment_fund", 0, FUND_SOURCE),
    ("job_referral", "any", "employment_fund", 0, FUND_SOURCE),
    ("startup_training", "any", "employment_fund", 0, FUND_SOURCE),
    ("flexible_insurance", "any", "employment_fund", 0, FUND_SOURCE),
    ("startup", "any", "startup_fund", 0, FUND_SOURCE),
    ("startup_jobs", "any", "startup_fund", 0, FUND_SOURCE),
]


def load_reference(apps=None) -> None:
    """Create the rows that are missing (idempotent; the admin's edits are kept)."""
    if apps is None:
        from django.apps import apps
    model = lambda name: apps.get_model("employment", name)  # noqa: E731
    for subsidy, variant, amount, unit, months, start, source, verified in SUBSIDIES:
        model("SubsidyRule").objects.get_or_create(
            subsidy=subsidy, variant=variant, valid_from=date.fromisoformat(start),
            defaults={"amount": D(amount), "unit": unit, "required_insurance_months": months, "source": source,
                      "verified": verified})
    for tier, amount, start, source, verified in MINIMUM_WAGES:
        model("MinimumWage").objects.get_or_create(
            tier=tier, valid_from=date.fromisoformat(start),
            defaults={"amount": D(amount), "source": source, "verified": verified})
    for percent, tier, start, source, verified in BENEFIT_LEVELS:
        model("BenefitLevel").objects.get_or_create(
            valid_from=date.fromisoformat(start),
            defaults={"percent": D(percent), "wage_tier": tier, "source": source, "verified": verified})
    for item, situation, fund, priority, source in FUND_RULES:
        model("FundRule").objects.get_or_create(
            item=item, situation=situation, valid_from=date(2017, 1, 1),
            defaults={"fund": fund, "priority": priority, "source": source, "verified": False})
