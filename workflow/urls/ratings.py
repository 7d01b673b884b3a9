"""Public ratings (/ratings/): each office's monthly summary, and the rating link of a completion SMS."""

from django.urls import path

from workflow.views import ratings

app_name = "ratings"

urlpatterns = [
    path("", ratings.public_summary, name="public-summary"),
    path("sms/<str:token>/", ratings.sms_rate, name="sms-rate"),
]
