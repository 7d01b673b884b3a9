"""Generate valid persons and employers in bulk for benchmarks."""

import time

from django.core.management.base import BaseCommand

from accounts.generate import generate_employers, generate_persons


class Command(BaseCommand):
    help = "Generate N persons and M employers with valid identity numbers and credit codes."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=0)
        parser.add_argument("--employers", type=int, default=0)
        parser.add_argument("--seed", type=int, default=int(time.time()))

    def handle(self, *args, persons, employers, seed, **options):
        started = time.monotonic()
        made_p = generate_persons(persons, seed=seed) if persons else 0
        made_e = generate_employers(employers, seed=seed) if employers else 0
        self.stdout.write(f"persons created: {made_p}, employers created: {made_e}, "
                          f"in {time.monotonic() - started:.1f} s")
