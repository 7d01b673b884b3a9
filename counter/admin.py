"""Admin: windows, the hall screens' keys (rotated here), appointment slots; tickets and bookings to look at."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import ReadOnlyAdminMixin
from counter.models import Appointment, AppointmentSlot, HallScreen, Ticket, TicketEvent, Window
from counter.services import hall_screen_rotate


@admin.register(Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = ("hall", "number", "label", "is_active", "clerk", "opened_at")
    list_filter = ("hall", "is_active")
    readonly_fields = ("clerk", "opened_at")


@admin.register(HallScreen)
class HallScreenAdmin(admin.ModelAdmin):
    list_display = ("hall", "rotated_at")
    readonly_fields = ("hall", "token", "rotated_at")
    actions = ["rotate"]

    @admin.action(description=_("Issue new screen keys (the old addresses stop working)"))
    def rotate(self, request, queryset):
        for screen in queryset.select_related("hall"):
            hall_screen_rotate(hall=screen.hall, actor=request.user)
        messages.success(request, _("New screen keys issued."))

    def has_add_permission(self, request):
        return False  # one per hall, created with the hall's windows


@admin.register(AppointmentSlot)
class AppointmentSlotAdmin(admin.ModelAdmin):
    list_display = ("hall", "service", "date", "starts_at", "ends_at", "capacity", "booked")
    list_filter = ("hall", "service")
    date_hierarchy = "date"
    readonly_fields = ("booked",)


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("formatted_code", "service", "slot", "status", "booked_at", "checked_in_at")
    list_filter = ("status", "slot__hall")
    search_fields = ("code",)
    raw_id_fields = ("person",)


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "at", "window", "clerk", "note")


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "hall", "day", "category", "status", "window", "clerk", "issued_at", "called_at",
                    "finished_at")
    list_filter = ("hall", "status", "category", "day")
    date_hierarchy = "day"
    inlines = [TicketEventInline]
    exclude = ("person", "employer", "cases")
