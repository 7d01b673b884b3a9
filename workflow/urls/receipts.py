"""The printable receipt of a case (/receipts/<number>/)."""

from django.urls import path

from workflow.views import bundles, receipts

app_name = "receipts"

urlpatterns = [
    path("bundle/<str:number>/", bundles.bundle_receipt_view, name="bundle-receipt"),
    path("<str:number>/", receipts.receipt, name="receipt"),
]
