"""Argon2id with Django's parameters, computed at a lower CPU priority than the pages.

A login costs about 0.22 s of CPU (100 MiB, 2 passes, 8 lanes): when a hall opens or a declaration deadline
nears, many people sign in at once, and every page then waited behind the hashes for a core (benchmarks/load:
pages' p95 passed 500 ms with a login storm at a quarter of the users the machine holds otherwise). The hash is
the same — same algorithm, parameters and stored format, as strong against guessing — but it runs on a thread
of its own whose nice value is raised (Linux keeps a nice value per thread, and the hash's lane threads inherit
it): when the cores are free it takes as long as before; when pages wait for a core, the kernel gives pages
the larger share, and a sign-in waits a little longer instead of every page doing so. Raising one's own nice
value needs no privilege; where it cannot be raised (another OS), the hash runs as before.
"""

from __future__ import annotations

import contextlib
import os
import threading

from django.contrib.auth.hashers import Argon2PasswordHasher

# The lowest of Linux's -20..19. Each hash runs 8 lane threads (parallelism 8): at nice 0 five hashes at once held
# 40 threads against one page's; at 19 each has about 1.5% of a nice-0 thread's weight, so a page keeps most of a
# core, and a hash still advances when pages leave no core idle.
HASH_NICENESS = 19


def _lowered(call, *args):
    """call(*args) on a new thread with HASH_NICENESS; its result or its exception, here."""
    outcome: dict = {}

    def run() -> None:
        with contextlib.suppress(AttributeError, OSError):  # no per-thread priority here: the usual one
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASH_NICENESS)
        try:
            outcome["value"] = call(*args)
        except BaseException as error:  # handed to the caller, as if it had called directly
            outcome["error"] = error

    thread = threading.Thread(target=run, name="password-hash", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class BackgroundArgon2PasswordHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (algorithm "argon2": every stored hash verifies, every new one is the same format),
    hashing at HASH_NICENESS."""

    def encode(self, password, salt):
        return _lowered(super().encode, password, salt)

    def verify(self, password, encoded):
        return _lowered(super().verify, password, encoded)
