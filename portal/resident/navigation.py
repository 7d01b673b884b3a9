"""Menu entries and the home page of the resident's online service."""

from django.utils.translation import gettext_lazy as _

from accounts import navigation


def register() -> None:
    navigation.register_home(perm="accounts.use_resident_site", url_name="portal:resident-home", priority=10)
    navigation.register_nav(section="resident", label=_("My home"), url_name="portal:resident-home",
                            perm="accounts.use_resident_site", order=0)
