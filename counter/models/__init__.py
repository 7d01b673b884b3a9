"""counter models: windows and hall screens, queue tickets, appointment slots and bookings."""

from counter.models.appointments import Appointment, AppointmentSlot
from counter.models.halls import HallScreen, Window
from counter.models.queue import Ticket, TicketEvent

__all__ = ["Appointment", "AppointmentSlot", "HallScreen", "Ticket", "TicketEvent", "Window"]
