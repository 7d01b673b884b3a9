"""Fixtures of the outbound exchange tests: the fake departments reset, and served over HTTP on a local port."""

from __future__ import annotations

import pytest

from accounts.exchange.fake_server import fake_server_start
from accounts.exchange.fakes import POPULATION, TAX, fakes_reset


@pytest.fixture
def fakes():
    """The fake police register and tax interface, in their documented starting state (and back after)."""
    fakes_reset()
    yield POPULATION, TAX
    fakes_reset()


@pytest.fixture
def fake_server(fakes):
    """The fake departments over real HTTP on a free local port: yields its base URL."""
    server = fake_server_start(port=0, token="test-token")
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def free_port() -> int:
    """A port nothing listens on (a department that is down)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
