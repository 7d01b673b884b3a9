"""The standard escalation policy named in the bureau's record language (it was "standard"), as
workflow.services.catalogue.STANDARD_POLICY now names it."""

from django.db import migrations

OLD, NEW = "standard", "标准督办规则"


def rename_policy(apps, schema_editor):
    EscalationPolicy = apps.get_model("workflow", "EscalationPolicy")
    if not EscalationPolicy.objects.filter(name=NEW).exists():
        EscalationPolicy.objects.filter(name=OLD).update(name=NEW)


def unrename_policy(apps, schema_editor):
    EscalationPolicy = apps.get_model("workflow", "EscalationPolicy")
    if not EscalationPolicy.objects.filter(name=OLD).exists():
        EscalationPolicy.objects.filter(name=NEW).update(name=OLD)


class Migration(migrations.Migration):

    dependencies = [
        ("workflow", "0006_admin_chinese_names"),
    ]

    operations = [
        migrations.RunPython(rename_policy, unrename_policy),
    ]
