"""Print the demo logins (used by `make run`)."""

from django.core.management.base import BaseCommand

from accounts.demo import demo_logins


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args, **options):
        for username, password, role in demo_logins():
            self.stdout.write(f"  {username:<20} {password:<14} {role}")
        self.stdout.write("  Staff and the admin then type a code from their authenticator app: "
                          "`python manage.py demo_codes` prints each demo staff user's current one.")
