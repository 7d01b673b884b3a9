"""counter: the service hall, its queue, windows, desk and appointments."""

import contextlib

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_out
from django.utils.translation import gettext_lazy as _


class CounterConfig(AppConfig):
    name = "counter"
    verbose_name = _("Service hall")

    def ready(self) -> None:
        from accounts import navigation
        from accounts.roles import Role, grant

        # Clerks work the windows and see their own hall's day and figures. Office heads and the bureau
        # leadership see the halls of their region's subtree (a district's back office its district's hall,
        # the city's leadership every hall), manage their appointment slots and screens, and see the city's
        # channel mix. The demo has no hall head: the leader manages slots and screens there.
        grant("counter.operate_window", Role.CLERK)
        from accounts.access_log.work import register_work_counter
        from counter.selectors.work import tickets_served

        register_work_counter("counter.tickets_served", tickets_served)
        grant("counter.monitor_hall", Role.CLERK, Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        grant("counter.manage_hall", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        grant("counter.monitor_channels", Role.OFFICE_HEAD, Role.BUREAU_LEADER)
        for model in ("window", "hallscreen", "appointmentslot"):
            grant(f"counter.view_{model}", Role.BUREAU_LEADER)
            grant(f"counter.change_{model}", Role.BUREAU_LEADER)
        grant("counter.add_window", Role.BUREAU_LEADER)
        grant("counter.add_appointmentslot", Role.BUREAU_LEADER)
        for model in ("appointment", "ticket"):
            grant(f"counter.view_{model}", Role.BUREAU_LEADER)

        navigation.register_home(perm="counter.operate_window", url_name="counter:desk", priority=20)
        for label, url_name, perm, order in (
            (_("Counter desk"), "counter:desk", "counter.operate_window", 10),
            (_("Hall today"), "counter:hall-today", "counter.monitor_hall", 20),
            (_("Bookings"), "counter:bookings", "counter.monitor_hall", 21),
            (_("Hall statistics"), "counter:stats", "counter.monitor_hall", 22),
            (_("Appointment slots"), "counter:slots", "counter.manage_hall", 23),
            (_("Hall screens"), "counter:screens", "counter.manage_hall", 24),
            (_("Channel mix"), "counter:channel-mix", "counter.monitor_channels", 25),
        ):
            navigation.register_nav(section="staff", label=label, url_name=url_name, perm=perm, order=order)
        # The resident's online booking pages live in portal/resident/appointments.py.
        navigation.register_nav(section="resident", label=_("Appointments"), url_name="resident:appointments",
                                perm="accounts.use_resident_site", order=40)
        user_logged_out.connect(_leave_window, dispatch_uid="counter.leave_window_on_logout")


def _leave_window(sender, request, user, **kwargs):
    """A clerk who logs out (or is logged out when idle) frees their window, unless a ticket is still open there."""
    if user is None or not user.has_perm("counter.operate_window"):
        return
    from counter.exceptions import QueueError
    from counter.models import Window
    from counter.services import window_close

    window = Window.objects.filter(clerk=user).first()
    if window is not None:
        with contextlib.suppress(QueueError):  # a ticket still open stays with the window and its clerk
            window_close(window=window, actor=user)
