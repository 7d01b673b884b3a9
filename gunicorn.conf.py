"""gunicorn's settings for the portal (Procfile, Dockerfile and docker-compose.yml start it with `-c` this file).

Environment: PORT (default 8000), WEB_CONCURRENCY (workers, default 2 x the cores this process may run on + 1),
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


# Worker processes, 2 per core + 1 (gunicorn's own advice: a page is CPU in Python plus waits on PostgreSQL and
# Redis), each with 4 threads. A sign-in's password hash runs outside Python's lock at the lowest CPU priority
# (accounts/hashers.py): on a sync worker it held the whole process for its duration, so a login storm took every
# worker and pages queued behind it; with threads, the process's other requests go on meanwhile
# (benchmarks/load measures both). A container limited by a CPU quota rather than a cpuset sees the host's cores:
# set WEB_CONCURRENCY there. WEB_THREADS=1 gives sync workers.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _cores() + 1)
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
