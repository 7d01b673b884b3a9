from django.db import migrations


def load(apps, schema_editor):
    from insurance.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("insurance", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
