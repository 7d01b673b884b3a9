"""What several apps' admins share."""


class ReadOnlyAdminMixin:
    """Records the services write: the admin shows them; changes go through the business, never the admin.

    Audit records (login logs, the API request log, case timelines, the SMS outbox, the admin's own log) use it
    too: without the change and delete permissions the admin refuses their change and delete pages (403) for
    every user, superusers included, and offers no "delete selected" bulk action.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
