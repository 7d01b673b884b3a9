from django.db import migrations


def load(apps, schema_editor):
    from accounts.reference import load_reference_regions

    load_reference_regions(apps.get_model("accounts", "Region"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
