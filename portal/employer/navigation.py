"""Menu entries and the home page of the employer's online service."""

from django.utils.translation import gettext_lazy as _

from accounts import navigation

USE = "accounts.use_employer_site"


def register() -> None:
    navigation.register_home(perm=USE, url_name="portal:employer-home", priority=10)
    for order, (label, url_name) in enumerate((
        (_("Employer home"), "portal:employer-home"),
        (_("Our employees"), "employer:employees"),
        (_("Declarations"), "employer:declarations"),
        (_("Cards"), "employer:cards"),
        (_("Online services"), "employer:services"),
        (_("Our cases"), "employer:cases"),
        (_("Notices"), "employer:notices"),
        (_("Colleagues"), "employer:users"),
    )):
        navigation.register_nav(section="employer", label=label, url_name=url_name, perm=USE, order=order * 10)
