"""What several apps' admins share."""


class ReadOnlyAdminMixin:
    """Records the services write: the admin shows them; changes go through the business, never the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
