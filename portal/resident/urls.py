"""URLs of the resident's online service (namespace "resident"); the home page stays portal:resident-home."""

from django.urls import path

from portal.resident import appointments

app_name = "resident"

urlpatterns = [
    path("appointments/", appointments.appointments, name="appointments"),
    path("appointments/book/", appointments.appointment_book_view, name="appointment-book"),
    path("appointments/<str:code>/", appointments.appointment_detail, name="appointment-detail"),
    path("appointments/<str:code>/cancel/", appointments.appointment_cancel_view, name="appointment-cancel"),
    path("appointments/<str:code>/move/", appointments.appointment_move_view, name="appointment-move"),
]
