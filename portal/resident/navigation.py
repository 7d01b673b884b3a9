"""Menu entries and the home page of the resident's online service (appointments' entry is counter's, order 40)."""

from django.utils.translation import gettext_lazy as _

from accounts import navigation

RESIDENT = "accounts.use_resident_site"


def register() -> None:
    navigation.register_home(perm=RESIDENT, url_name="portal:resident-home", priority=10)
    for label, url_name, order in (
        (_("My home"), "portal:resident-home", 0),
        (_("My records"), "resident:records", 10),
        (_("E-card"), "resident:ecard", 15),
        (_("My cases"), "resident:cases", 20),
        (_("Apply online"), "resident:apply", 30),
        (_("Rights statement"), "resident:statement", 50),
        (_("Who opened my record"), "resident:access-log", 60),
    ):
        navigation.register_nav(section="resident", label=label, url_name=url_name, perm=RESIDENT, order=order)
