"""The SMS provider's status callback."""

from django.urls import path

from workflow.views import sms

app_name = "sms"

urlpatterns = [
    path("status/<int:pk>/", sms.status_callback, name="status"),
]
