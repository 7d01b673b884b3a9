"""The fake departments over real HTTP on a local port: POST /population/verify and POST /tax/contributions,
answering from accounts.exchange.fakes. Tests start it on port 0 in a thread; `manage.py exchange_fake_server`
runs it for a demo with the HTTP providers (POLICE_PROVIDER=http, TAX_PROVIDER=http)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from accounts.exchange.fakes import POPULATION, TAX, Unavailable


class _Handler(BaseHTTPRequestHandler):
    token = ""

    def log_message(self, format, *args):
        return

    def _reply(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        if self.token and self.headers.get("Authorization") != f"Bearer {self.token}":
            return self._reply(401, {"error": "unauthorised"})
        try:
            payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        except ValueError:
            return self._reply(400, {"error": "not JSON"})
        try:
            if self.path.rstrip("/").endswith("/population/verify"):
                return self._reply(200, POPULATION.answer(id_number=str(payload.get("id_number", "")),
                                                          name=str(payload.get("name", ""))))
            if self.path.rstrip("/").endswith("/tax/contributions"):
                key = self.headers.get("Idempotency-Key") or str(payload.get("key", ""))
                if not key:
                    return self._reply(400, {"error": "no key"})
                return self._reply(200, TAX.receive(key=key, payload=payload))
        except Unavailable as exc:
            return self._reply(503, {"error": str(exc)})
        return self._reply(404, {"error": "no such interface"})


def fake_server_start(*, host: str = "127.0.0.1", port: int = 0, token: str = "") -> ThreadingHTTPServer:
    """Serve in a daemon thread; the server's `server_address` says the port. Stop it with `.shutdown()`."""
    handler = type("Handler", (_Handler,), {"token": token})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="fake-departments").start()
    return server
