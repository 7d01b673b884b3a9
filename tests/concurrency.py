"""Run functions at the same instant in real threads, each with its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def run_concurrently(functions: list[Callable], *, timeout: float = 60) -> list[tuple[str, object]]:
    """Start every function behind one barrier; returns ("ok", result) or ("error", exception) per function."""
    barrier = threading.Barrier(len(functions))
    outcomes: list = [None] * len(functions)

    def runner(i: int, fn: Callable) -> None:
        try:
            barrier.wait()
            outcomes[i] = ("ok", fn())
        except Exception as exc:
            outcomes[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return outcomes
