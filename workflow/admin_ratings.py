"""Ratings in the admin: the rule table of the rectification time limits (the bureau edits it) and the ratings
themselves, read-only (they are the raters' own words)."""

from django.contrib import admin

from accounts.admin_mixins import ReadOnlyAdminMixin
from workflow.admin_tables import TimeLimitTableAdmin
from workflow.models import Rating, RatingTimeLimit


@admin.register(RatingTimeLimit)
class RatingTimeLimitAdmin(TimeLimitTableAdmin):
    pass


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("rated_at", "office", "staff", "score", "channel", "rectification")
    list_filter = ("score", "channel", "office")
    list_select_related = ("office", "staff", "rectification")
    raw_id_fields = ("case", "person", "employer", "staff", "rectification")
    exclude = ("subject",)  # a key for the code ("case:12"): the case, or the hall and staff, say what was rated
    date_hierarchy = "rated_at"
    show_full_result_count = False
