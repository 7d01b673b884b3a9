"""Strings that Django 5.2, django-axes and django-simple-history show in the admin but whose own Simplified
Chinese catalogues lack (or translate with English left in), marked here so that `make messages` puts them in
our catalogue. LOCALE_PATHS comes before the installed packages' catalogues, so our translation wins. Nothing
imports this module: the marks are only for makemessages (gettext_noop returns the string unchanged).
The Chinese is in locale/zh_Hans/fragments/issue11-admin.json.
"""

from django.utils.translation import gettext_noop

DJANGO_ADMIN = (
    # The app tables of the index and of the sidebar (headers read by screen readers).
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    # Django's Chinese leaves "Control", "Command" and "Mac" in English, and "id" in lower case.
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop("object id"),
    # Their Chinese keeps an ASCII colon after Chinese words.
    gettext_noop("Sorting priority: %(priority_number)s"),
    gettext_noop("Change history: %s"),
    # Its "LDAP" is a Latin word on a Chinese page: ours says "directory service".
    gettext_noop("Whether the user will be able to authenticate using a password or not. If disabled, they may "
                 "still be able to authenticate using other backends, such as Single Sign-On or LDAP."),
)

SIMPLE_HISTORY = (
    gettext_noop("Changes"),
    gettext_noop("View history: %s"),  # its Chinese keeps an ASCII colon
    gettext_noop("Deleted %(type_name)s"),
)

AXES = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Account locked: too many login attempts. Contact an admin to unlock your account."),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Attempt Time"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
)
