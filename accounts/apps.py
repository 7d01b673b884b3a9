"""accounts: every party and place, and the logins."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Parties and places")

    def ready(self) -> None:
        from django.contrib import admin

        from accounts import navigation, permission_cache
        from accounts.admin_icons import use_translated_icons
        from accounts.admin_mixins import bound_date_hierarchies
        from accounts.record_names import name_records
        from accounts.roles import sync_roles

        bound_date_hierarchies(admin.site)
        name_records()
        use_translated_icons()

        post_migrate.connect(sync_roles, dispatch_uid="accounts.sync_roles")
        permission_cache.connect()
        navigation.register_home(perm="accounts.use_staff_site", url_name="accounts:staff-home", priority=10)
        navigation.register_nav(
            section="staff", label=_("Home"), url_name="accounts:staff-home", perm="accounts.use_staff_site", order=0
        )
        navigation.register_nav(
            section="staff", label=_("Persons"), url_name="accounts:person-search",
            perm="accounts.look_up_persons", order=80,
        )
        navigation.register_nav(
            section="staff", label=_("Two-factor sign-in"), url_name="accounts:two-factor-staff",
            perm="accounts.reset_second_factor", order=95,
        )

