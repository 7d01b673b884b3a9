"""Roll up the back office's daily figures now: what the hourly beat task does, with more closed days redone."""

from django.core.management.base import BaseCommand

from workflow.rules.periods import PERIOD_DAYS
from workflow.services.rollups import RECOMPUTE_DAYS, daily_figures_rollup


class Command(BaseCommand):
    help = ("Roll up the decided cases of closed days (every missing day of the period, and the last --days closed "
            "days again: use it after correcting cases decided earlier by hand).")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=RECOMPUTE_DAYS,
                            help=f"closed days to redo, up to {PERIOD_DAYS + 1} (default {RECOMPUTE_DAYS})")

    def handle(self, *args, **options):
        result = daily_figures_rollup(recompute=options["days"])
        if result.skipped:
            self.stdout.write("another run is under way; nothing done")
        else:
            self.stdout.write(f"{len(result.days)} days rolled up, {result.rows} rows, "
                              f"{result.intake_rows} of intake")
