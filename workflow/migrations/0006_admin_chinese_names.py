"""Case events' statuses and documents' formats by their labels, and the escalation policy's name field named
as what it holds."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0005_deadline_changed_event'),
    ]

    operations = [
        migrations.AlterField(
            model_name='casedocument',
            name='content_type',
            field=models.CharField(choices=[('application/pdf', 'PDF'), ('image/jpeg', 'JPEG'), ('image/png', 'PNG')], max_length=40, verbose_name='content type'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='from_status',
            field=models.CharField(blank=True, choices=[('accepted', 'Accepted'), ('routed', 'Sent to the back office'), ('in_review', 'In review'), ('supplement_requested', 'Waiting for material'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('completed', 'Completed'), ('withdrawn', 'Withdrawn')], max_length=24, verbose_name='from'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='to_status',
            field=models.CharField(blank=True, choices=[('accepted', 'Accepted'), ('routed', 'Sent to the back office'), ('in_review', 'In review'), ('supplement_requested', 'Waiting for material'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('completed', 'Completed'), ('withdrawn', 'Withdrawn')], max_length=24, verbose_name='to'),
        ),
        migrations.AlterField(
            model_name='escalationpolicy',
            name='name',
            field=models.CharField(max_length=60, unique=True, verbose_name='policy name'),
        ),
    ]
