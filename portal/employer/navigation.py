"""Menu entries and the home page of the employer's online service."""

from django.utils.translation import gettext_lazy as _

from accounts import navigation


def register() -> None:
    navigation.register_home(perm="accounts.use_employer_site", url_name="portal:employer-home", priority=10)
    navigation.register_nav(section="employer", label=_("Employer home"), url_name="portal:employer-home",
                            perm="accounts.use_employer_site", order=0)
