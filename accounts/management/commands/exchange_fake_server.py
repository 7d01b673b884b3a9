"""Run the fake police and tax interfaces on a local port (the demo with the HTTP providers)."""

import time

from django.core.management.base import BaseCommand

from accounts.exchange.fake_server import fake_server_start


class Command(BaseCommand):
    help = "Serve the fake population register and tax interface on 127.0.0.1 (never for production)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8750)
        parser.add_argument("--token", default="")

    def handle(self, *args, port, token, **options):
        server = fake_server_start(port=port, token=token)
        self.stdout.write(f"Fake departments on http://127.0.0.1:{server.server_address[1]}/ "
                          f"(population/verify, tax/contributions). Ctrl-C stops.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.shutdown()
