"""Rule tables seeded by a data migration from ../shared/reference/figures.md.

Every row carries its source and whether it was seen in a published text (verified). Amounts that were
not found at all are placeholders the bureau must set; the admin shows which rows are unverified.
The sources are data clerks read on the rule pages and at the desk, so they are written in Chinese.
"""

from datetime import date
from decimal import Decimal as D

PLACEHOLDER = "占位数据，未查到东营市的标准，须由本局核定"  # a placeholder: Dongying's figure not found

# (subsidy, variant, amount, unit, unemployment-insurance months required, valid from, source, verified)
SUBSIDIES = [
    ("startup", "", "12000", "case", 12, "2017-01-01",
     "金额已核实（山东省创业扶持政策，2017年前后）；申领条件及缴纳失业保险满12个月的要求未核实", False),
    ("startup_jobs", "", "2000", "job", 1, "2018-01-01",
     "每个岗位2000元已在青岛（青人社规〔2018〕8号）和济南核实，东营未核实；受雇人员由单位参保满1个月的要求"
     "未核实", False),
    ("job_referral", "", "200", "person", 1, "2017-01-01", f"金额为{PLACEHOLDER}；被介绍人员"
     "参保满1个月的要求未核实", False),
    ("vocational_training", "primary", "1000", "case", 12, "2017-01-01",
     "未核实：按证书等级的常见标准（初级1000元、中级1500元、高级2000元），须缴纳失业保险满1年；"
     "须由本局确认", False),
    ("vocational_training", "intermediate", "1500", "case", 12, "2017-01-01",
     "未核实：参见初级", False),
    ("vocational_training", "advanced", "2000", "case", 12, "2017-01-01",
     "未核实：参见初级", False),
    ("startup_training", "", "1000", "case", 0, "2017-01-01",
     f"金额为{PLACEHOLDER}；不核查失业保险缴费", False),
    ("flexible_insurance", "", "0", "contributions", 0, "2017-01-01",
     "未核实（财社〔2017〕164号）：不超过实际缴费的三分之二，最长3年；距法定退休年龄不足5年的人员可延长至退休。"
     "无固定金额，按缴费计算", False),
    ("hiring_insurance", "", "0", "contributions", 0, "2017-01-01",
     "未核实（《就业补助资金管理办法》财社〔2017〕164号）：用人单位为吸纳的就业困难人员实际缴纳的基本养老、"
     "基本医疗和失业保险费中单位缴费部分，不含个人缴费，最长3年；距法定退休年龄不足5年的人员可延长至退休"
     "（本系统未实现此项延长）。无固定金额，按单位实际缴费计算；东营市的具体办法须由本局核定", False),
]

# (tier, amount, valid from, source, verified)
MINIMUM_WAGES = [
    (1, "2200", "2021-10-01",
     "未核实：山东省第一档月最低工资标准有2200元和2400元两种说法；须由本局确认现行标准", False),
]

# (percent, the city's wage tier, valid from, source, verified)
BENEFIT_LEVELS = [
    ("90", 1, "2019-01-01", "山东省失业保险金标准（当地最低工资的90%）未核实；东营市属最低工资第一档已核实"
     "（2017年）", False),
]

FUND_SOURCE = "分类惯例（未核实）：每条规则须由本局确认"
# (item, situation, fund, priority, source)
FUND_RULES = [
    ("benefit", "any", "ui_fund", 0,
     "《社会保险法》第四十五条至第四十八条：失业保险金由失业保险基金支付（此处不另核查）"),
    ("vocational_training", "insured", "ui_fund", 10,
     "未核实：参保职工培训（技能提升）由失业保险基金支付"),
    ("vocational_training", "any", "employment_fund", 0, FUND_SOURCE),
    ("job_referral", "any", "employment_fund", 0, FUND_SOURCE),
    ("startup_training", "any", "employment_fund", 0, FUND_SOURCE),
    ("flexible_insurance", "any", "employment_fund", 0, FUND_SOURCE),
    ("hiring_insurance", "any", "employment_fund", 0, FUND_SOURCE),
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
