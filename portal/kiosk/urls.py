"""URLs of the self-service kiosk (namespace "kiosk", mounted at /kiosk/): each under the hall's screen key."""

from django.urls import path

from portal.kiosk.views import hall, personal, start

app_name = "kiosk"

urlpatterns = [
    path("<str:token>/", start.home, name="home"),
    path("<str:token>/identify/", start.identify, name="identify"),
    path("<str:token>/identify/code/", start.code, name="code"),
    path("<str:token>/logout/", start.logout, name="logout"),
    path("<str:token>/touch/", start.touch, name="touch"),
    path("<str:token>/statement/", personal.statement, name="statement"),
    path("<str:token>/statement/<str:code>/", personal.statement_print, name="statement-print"),
    path("<str:token>/statement/<str:code>/pdf/", personal.statement_pdf, name="statement-pdf"),
    path("<str:token>/proof-of-life/", personal.proof, name="proof"),
    path("<str:token>/proof-of-life/photo/", personal.proof_photo, name="proof-photo"),
    path("<str:token>/ticket/", hall.ticket, name="ticket"),
    path("<str:token>/ticket/taken/", hall.ticket_done, name="ticket-done"),
    path("<str:token>/track/", hall.track, name="track"),
    path("<str:token>/track/<str:code>/", hall.track_detail, name="track-detail"),
    path("<str:token>/track/<str:code>/rate/", personal.rate, name="rate"),
]
