"""The printable receipt of a case (/receipts/<number>/)."""

from django.urls import path

from workflow.views import receipts

app_name = "receipts"

urlpatterns = [
    path("<str:number>/", receipts.receipt, name="receipt"),
]
