"""Errors of the hall, each with a message meant for the clerk, the resident or the screen."""

from workflow.exceptions import WorkflowError


class CounterError(WorkflowError):
    default_code = "counter"


class QueueError(CounterError):
    """A ticket or window action that does not fit the ticket's or window's state."""

    default_code = "queue"


class BookingError(CounterError):
    """An appointment that cannot be booked, moved, cancelled or checked in."""

    default_code = "booking"


class SlotFull(BookingError):
    default_code = "full"
