"""URLs of the service hall (namespace "counter", mounted at /hall/)."""

from django.urls import path, register_converter

from counter.views import bundles, desk, hall, persons, queue, ratings, screens, stats


class SubjectConverter:
    regex = "person|employer"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(SubjectConverter, "subject")

app_name = "counter"

urlpatterns = [
    # The clerk's desk and the window's queue.
    path("", desk.desk, name="desk"),
    path("window/open/", queue.window_open_view, name="window-open"),
    path("window/close/", queue.window_close_view, name="window-close"),
    path("call/", queue.call_next_view, name="call-next"),
    path("tickets/<int:pk>/recall/", queue.ticket_recall_view, name="ticket-recall"),
    path("tickets/<int:pk>/start/", queue.ticket_start_view, name="ticket-start"),
    path("tickets/<int:pk>/finish/", queue.ticket_finish_view, name="ticket-finish"),
    path("tickets/<int:pk>/no-show/", queue.ticket_no_show_view, name="ticket-no-show"),
    path("tickets/<int:pk>/transfer/", queue.ticket_transfer_view, name="ticket-transfer"),
    path("identify/", desk.identify, name="identify"),
    path("persons/new/", persons.person_register, name="person-register"),
    path("desk/<subject:kind>/<int:pk>/", desk.desk_subject, name="desk-subject"),
    path("desk/<subject:kind>/<int:pk>/<str:code>/", desk.desk_service, name="desk-service"),
    # A life event (一件事) for the identified person: several services, one receipt.
    path("desk/person/<int:pk>/event/<str:code>/", bundles.desk_bundle, name="desk-bundle"),
    path("cases/<str:number>/", desk.desk_case, name="desk-case"),
    # The rating pad the window turns to the applicant (好差评).
    path("cases/<str:number>/rate/", ratings.rate_case, name="rate-case"),
    path("tickets/<int:pk>/rate/", ratings.rate_ticket, name="rate-ticket"),
    # The hall's pages.
    path("today/", hall.hall_today, name="hall-today"),
    path("bookings/", hall.bookings, name="bookings"),
    path("slots/", hall.slots, name="slots"),
    path("slots/<int:pk>/", hall.slot_capacity, name="slot-capacity"),
    path("screens/", hall.screens, name="screens"),
    path("screens/<str:code>/rotate/", hall.screen_rotate, name="screen-rotate"),
    path("stats/", stats.stats, name="stats"),
    path("channels/", stats.channels, name="channel-mix"),
    # The hall's screens, without a login, by the hall's screen key.
    path("screen/<str:token>/", screens.dispenser, name="dispenser"),
    path("screen/<str:token>/ticket/", screens.dispenser_ticket, name="dispenser-ticket"),
    path("screen/<str:token>/board/", screens.board_view, name="board"),
    path("screen/<str:token>/board/live/", screens.board_live, name="board-live"),
]
