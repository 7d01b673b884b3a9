"""Every write of the hall: one transaction each, the actor passed in."""

from counter.services.appointments import (
    appointment_book,
    appointment_cancel,
    appointment_check_in,
    appointment_move,
    appointments_record_no_shows,
    appointments_remind,
    slot_capacity_set,
    slots_open,
)
from counter.services.desk import desk_accept, desk_accept_bundle
from counter.services.persons import desk_person_register
from counter.services.tickets import (
    ticket_call_next,
    ticket_finish,
    ticket_identify,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_transfer,
    tickets_expire,
)
from counter.services.windows import (
    hall_screen_ensure,
    hall_screen_rotate,
    window_close,
    window_open,
    windows_ensure,
)

__all__ = [
    "appointment_book", "appointment_cancel", "appointment_check_in", "appointment_move",
    "appointments_record_no_shows", "appointments_remind", "desk_accept", "desk_accept_bundle", "desk_person_register",
    "hall_screen_ensure", "hall_screen_rotate",
    "slot_capacity_set", "slots_open", "ticket_call_next", "ticket_finish", "ticket_identify", "ticket_issue",
    "ticket_no_show", "ticket_recall", "ticket_start", "ticket_transfer", "tickets_expire", "window_close",
    "window_open", "windows_ensure",
]
