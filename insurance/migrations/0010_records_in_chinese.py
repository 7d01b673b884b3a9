"""What the records said in English, in the bureau's record language as
the services now record it: the reasons in the history of cards, pensions and enrolments, a pension's stop reason
("death"), and the demo's tax references ("demo")."""

from django.db import migrations

CARD_REASONS = {
    "applied": "申领社会保障卡", "in production": "送制卡", "ready": "制卡完成，待领取", "issued": "已发放给持卡人",
    "activated": "社会保障卡已启用", "reported lost": "社会保障卡已挂失", "replaced": "社会保障卡已补换",
    "cancelled": "社会保障卡已注销",
}
PENSION_REASONS = {
    "granted": "核定养老金待遇", "proof of life": "领取资格认证", "proof of life: resumed": "领取资格认证通过，恢复发放",
    "proof of life overdue: suspended": "逾期未进行资格认证，暂停发放", "stopped: death": "停发：死亡",
}
ENROLMENT_REASONS = {
    "enrolled": "参保登记", "suspended": "暂停参保", "left": "离职", "request": "本人申请", "retired": "退休",
    "died": "死亡", "transferred": "转出",
}
STOP_REASONS = {"death": "死亡"}


def _replace(model, field, mapping):
    for old, new in mapping.items():
        model.objects.filter(**{field: old}).update(**{field: new})


def forwards(apps, schema_editor):
    _replace(apps.get_model("insurance", "HistoricalCard"), "history_change_reason", CARD_REASONS)
    _replace(apps.get_model("insurance", "HistoricalPension"), "history_change_reason", PENSION_REASONS)
    _replace(apps.get_model("insurance", "HistoricalEnrolment"), "history_change_reason", ENROLMENT_REASONS)
    _replace(apps.get_model("insurance", "Pension"), "stop_reason", STOP_REASONS)
    _replace(apps.get_model("insurance", "HistoricalPension"), "stop_reason", STOP_REASONS)
    PaymentOrder = apps.get_model("insurance", "PaymentOrder")
    orders = list(PaymentOrder.objects.filter(reference="demo").select_related("declaration"))
    for order in orders:  # as insurance.demo now numbers them
        if order.declaration is not None:
            order.reference = f"3370{order.declaration.month:%Y%m}{order.declaration.employer_id:08d}"
    PaymentOrder.objects.bulk_update(orders, ["reference"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("insurance", "0009_payment_channel_labels"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
