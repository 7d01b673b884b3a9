"""Change reasons recorded in English in the persons' history ("civil affairs", the default source of civil
affairs' facts) in the bureau's record language, as accounts.services now records them."""

from django.db import migrations

REASONS = {"civil affairs": "民政部门数据"}


def forwards(apps, schema_editor):
    HistoricalPerson = apps.get_model("accounts", "HistoricalPerson")
    for old, new in REASONS.items():
        HistoricalPerson.objects.filter(history_change_reason=old).update(history_change_reason=new)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_history_names'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
