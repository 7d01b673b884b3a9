"""The rule tables' sources in Chinese: clerks read them on the rule pages and at the desk.

Rows still holding the English text first seeded are rewritten; a source the bureau has edited is kept.
"""

from django.db import migrations

# model -> {source as first seeded: the same in Chinese}
SOURCES = {
    'SubsidyRule': {
        'amount verified (Shandong provincial start-up policy, 2017 era); conditions and the 12 months of unemployment insurance unverified':
            '金额已核实（山东省创业扶持政策，2017年前后）；申领条件及缴纳失业保险满12个月的要求未核实',
        '2,000 per job verified for Qingdao (青人社规〔2018〕8号) and Jinan; Dongying unverified; the hired person insured through the employer (1 month) unverified':
            '每个岗位2000元已在青岛（青人社规〔2018〕8号）和济南核实，东营未核实；受雇人员由单位参保满1个月的要求未核实',
        "amount: PLACEHOLDER: Dongying's figure not found; the bureau must set it; the person placed insured for a month: unverified":
            '金额为占位数据，未查到东营市的标准，须由本局核定；被介绍人员参保满1个月的要求未核实',
        'unverified: amounts by certificate level commonly reported (primary 1,000 / intermediate 1,500 / advanced 2,000) with a year of unemployment insurance; the bureau must confirm':
            '未核实：按证书等级的常见标准（初级1000元、中级1500元、高级2000元），须缴纳失业保险满1年；须由本局确认',
        'unverified: see the primary level':
            '未核实：参见初级',
        "amount: PLACEHOLDER: Dongying's figure not found; the bureau must set it; exempt from the unemployment-insurance check (issue 5)":
            '金额为占位数据，未查到东营市的标准，须由本局核定；不核查失业保险缴费',
        'unverified (财社〔2017〕164号): at most 2/3 of the contributions actually paid, at most 3 years; people within 5 years of retirement until they retire. No fixed amount: computed from the contributions':
            '未核实（财社〔2017〕164号）：不超过实际缴费的三分之二，最长3年；距法定退休年龄不足5年的人员可延长至退休。无固定金额，按缴费计算',
    },
    'MinimumWage': {
        "unverified: figures of 2,200 and 2,400 yuan a month are both reported for Shandong's first tier; the bureau must confirm the current amount":
            '未核实：山东省第一档月最低工资标准有2200元和2400元两种说法；须由本局确认现行标准',
    },
    'BenefitLevel': {
        'level unverified for Shandong (90% of the local minimum wage); Dongying in the first minimum-wage tier verified for 2017':
            '山东省失业保险金标准（当地最低工资的90%）未核实；东营市属最低工资第一档已核实（2017年）',
    },
    'FundRule': {
        '社会保险法 Art. 45–48: unemployment benefit is paid from the unemployment-insurance fund (not checked here)':
            '《社会保险法》第四十五条至第四十八条：失业保险金由失业保险基金支付（此处不另核查）',
        'unverified: training of insured workers (skills upgrading) paid from the unemployment-insurance fund':
            '未核实：参保职工培训（技能提升）由失业保险基金支付',
        'classification practice (unverified): the bureau must confirm each rule':
            '分类惯例（未核实）：每条规则须由本局确认',
    },
}


def _rewrite(apps, flip):
    for model_name, mapping in SOURCES.items():
        model = apps.get_model("employment", model_name)
        for old, new in mapping.items():
            old, new = (new, old) if flip else (old, new)
            model.objects.filter(source=old).update(source=new)


def forwards(apps, schema_editor):
    _rewrite(apps, flip=False)


def backwards(apps, schema_editor):
    _rewrite(apps, flip=True)


class Migration(migrations.Migration):
    dependencies = [("employment", "0002_reference_data")]
    operations = [migrations.RunPython(forwards, backwards)]
