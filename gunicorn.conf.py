"""gunicorn's settings for the portal (Procfile, Dockerfile and docker-compose.yml start it with `-c` this file).

Environment: PORT (default 8000), WEB_CONCURRENCY (workers, default the cores this process may run on + 1),
WEB_THREADS (threads per worker, default 4), LOG_FORMAT (json or text, as the portal).
"""

import os

from gunicorn.http import wsgi

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"


def _cores() -> int:
    """The cores this process may use (a container's cpuset, not the host's count where the OS says so)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# Worker processes, one per core + 1, each with 4 threads: a page is mostly CPU in Python (15-20 ms) and waits
# little on PostgreSQL and Redis, so more processes than that only take turns on the cores. Measured on 2 cores
# under the load mix (benchmarks/load/README.md, 2026-12-07, 180 s steps): at 100 users, 2 or 3 workers used
# 19-21 ms of CPU per request and held pages' p95 at 104-150 ms with the login storm (85-104 steady), 5 workers
# (gunicorn's general advice of 2 per core + 1) 23-24 ms and 157-183 ms (121-148 steady), three runs of each
# kind; at 200 users the runs of either overlap. A sign-in's password hash runs outside Python's lock at the
# lowest CPU priority (accounts/hashers.py): on a sync worker it held the whole process for its duration, so a
# login storm took every worker and pages queued behind it; with threads, the process's other requests go on
# meanwhile. A container limited by a CPU quota rather than a cpuset sees the host's cores: set WEB_CONCURRENCY
# there. WEB_THREADS=1 gives sync workers.
workers = int(os.environ.get("WEB_CONCURRENCY") or _cores() + 1)
threads = int(os.environ.get("WEB_THREADS") or 4)
# Threaded workers close the connection after each response, as sync workers do: a client (or a proxy) reusing
# an idle connection just as the worker closes it would get a reset instead of an answer.
keepalive = 0
# No access log of gunicorn's own: the portal writes one JSON line a request (logger portal.requests: route,
# status, duration, request id, user id), without the query string, where a search may carry an identity number.
accesslog = None
# gunicorn's own messages (start, workers, timeouts) as JSON lines too, unless LOG_FORMAT=text.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.observability.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
} if os.environ.get("LOG_FORMAT", "json").strip().lower() != "text" else {}

# gunicorn writes "Server: gunicorn" itself, after the application has answered (Response.default_headers), so
# no middleware can take it away and gunicorn has no setting for it. Naming the server and its make helps only
# whoever looks for a known weakness: the header is left out of every response gunicorn sends.
_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server
