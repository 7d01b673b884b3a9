"""Print the current second-factor code of every demo staff user (their authenticator apps have fixed demo keys)."""

from django.core.management.base import BaseCommand

from accounts.demo_twofactor import demo_codes


class Command(BaseCommand):
    help = "Print the current two-factor code of each demo staff user (a new one every 30 seconds)."

    def handle(self, *args, **options):
        rows = demo_codes()
        if not rows:
            self.stdout.write("No demo staff devices: run `manage.py seed_demo` first.")
        for username, code, left in rows:
            self.stdout.write(f"  {username:<12} {code}   (current for {left} more seconds)")
