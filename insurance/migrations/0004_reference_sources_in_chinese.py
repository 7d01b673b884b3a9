"""The rule tables' sources in Chinese: clerks read them on the rule pages and at the desk.

Rows still holding the English text first seeded are rewritten; a source the bureau has edited is kept.
"""

from django.db import migrations

# model -> {source as first seeded: the same in Chinese}
SOURCES = {
    'ContributionRate': {
        'unverified; national rate since 2019-05-01 (国办发〔2019〕13号)':
            '未核实：2019-05-01起执行的全国费率（国办发〔2019〕13号）',
        'unverified; flexible employment pays 20%, 8% to the personal account (国办发〔2019〕13号)':
            '未核实：灵活就业人员按20%缴费，其中8%记入个人账户（国办发〔2019〕13号）',
        "individual 2% unverified; employer 7% incl. merged maternity: PLACEHOLDER: Dongying's figure not found; the bureau must set it":
            '个人2%未核实；单位7%（含并入的生育保险）为占位数据，未查到东营市的标准，须由本局核定',
        "PLACEHOLDER: Dongying's figure not found; the bureau must set it":
            '占位数据，未查到东营市的标准，须由本局核定',
        '人社部发〔2023〕19号 (reduced rate extended to the end of 2024)':
            '人社部发〔2023〕19号（阶段性降低费率延续至2024年底）',
        'unverified: extension of the reduced rate after 2024':
            '未核实：2024年以后继续执行阶段性降低费率',
    },
    'ContributionBase': {
        '鲁人社字〔2024〕64号 (secondary)':
            '鲁人社字〔2024〕64号（转引）',
        '鲁人社字〔2025〕91号 (secondary)':
            '鲁人社字〔2025〕91号（转引）',
        '鲁人社字〔2026〕75号 (secondary)':
            '鲁人社字〔2026〕75号（转引）',
    },
    'PensionCalculationBase': {
        '鲁人社字〔2025〕100号 (secondary)':
            '鲁人社字〔2025〕100号（转引）',
    },
    'MinimumContribution': {
        '社会保险法 Art. 16 (15 years)':
            '《社会保险法》第十六条（15年）',
    },
    'PensionDivisor': {
        'unverified compilation':
            '未核实的汇编数据',
    },
    'ReimbursementPolicy': {
        "PLACEHOLDER: Dongying's figure not found; the bureau must set it":
            '占位数据，未查到东营市的标准，须由本局核定',
    },
}


def _rewrite(apps, flip):
    for model_name, mapping in SOURCES.items():
        model = apps.get_model("insurance", model_name)
        for old, new in mapping.items():
            old, new = (new, old) if flip else (old, new)
            model.objects.filter(source=old).update(source=new)


def forwards(apps, schema_editor):
    _rewrite(apps, flip=False)


def backwards(apps, schema_editor):
    _rewrite(apps, flip=True)


class Migration(migrations.Migration):
    dependencies = [("insurance", "0003_contribution_tax_reference")]
    operations = [migrations.RunPython(forwards, backwards)]
