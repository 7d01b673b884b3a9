"""Staff screens of social insurance (namespace "insurance"), and the public statement verification."""

from django.urls import path

from insurance.views import cards, declarations, payments, pensioners, records, statements, tax

app_name = "insurance"

urlpatterns = [
    path("declarations/", declarations.declaration_list, name="declaration-list"),
    path("declarations/wage-list.csv", declarations.declaration_template, name="declaration-template"),
    path("declarations/<int:pk>/", declarations.declaration_detail, name="declaration-detail"),
    path("declarations/<int:pk>/declare/", declarations.declaration_declare_view, name="declaration-declare"),
    path("payments/", payments.payment_list, name="payment-list"),
    path("payments/<int:pk>/", payments.payment_confirm_view, name="payment-confirm"),
    path("tax/reconciliation/", tax.tax_reconciliation_view, name="tax-reconciliation"),
    path("cards/", cards.card_list, name="card-list"),
    path("cards/batches/confirm/", cards.card_batch_confirm, name="card-batch-confirm"),
    path("cards/batches/new/", cards.card_batch_create_view, name="card-batch-create"),
    path("cards/batches/<int:pk>/", cards.card_batch_detail, name="card-batch-detail"),
    path("cards/<int:pk>/issue/", cards.card_issue_view, name="card-issue"),
    path("pensioners/proof-due/", pensioners.proof_due_list, name="pensioner-proof-due"),
    path("persons/<int:pk>/", records.person_records, name="person-records"),
    path("persons/<int:pk>/statement/", statements.statement_issue_view, name="statement-issue"),
    path("statements/<str:code>.pdf", statements.statement_download, name="statement-download"),
    path("verify/", statements.statement_verify, name="statement-verify"),
]
