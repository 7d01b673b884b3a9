"""A payment order's channel by its label (the choices moved from the staff form to the model)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("insurance", "0008_history_names"),
    ]

    operations = [
        migrations.AlterField(
            model_name="paymentorder",
            name="payment_channel",
            field=models.CharField(blank=True, choices=[("counter", "Paid at the counter"), ("bank", "Bank transfer"),
                                                        ("tax", "Collected by the tax bureau")],
                                   max_length=20, verbose_name="paid through"),
        ),
    ]
