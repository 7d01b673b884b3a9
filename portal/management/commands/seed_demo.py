"""Load the demo data of every app, in the order of the layers (idempotent)."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo data offers `<app>.demo.seed()`; lower layers first.
DEMO_APPS = ["accounts", "workflow", "insurance", "labour", "employment", "counter", "portal"]


class Command(BaseCommand):
    help = "Load the demo data (running it twice changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app in DEMO_APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.seed()
                self.stdout.write(f"demo data: {app} ok")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
