from django.db import migrations


def load(apps, schema_editor):
    from workflow.reference import load_calendars

    load_calendars(apps.get_model("workflow", "CalendarYear"), apps.get_model("workflow", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
