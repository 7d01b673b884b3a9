"""Prometheus metrics at /metrics (prometheus-client): the business gauges, requests, and the process.

The business gauges are computed when Prometheus scrapes, with a fixed number of queries (four, whatever the
data), so they are right in whichever gunicorn worker answers. The request counters are each worker process's
own (a scrape sees the worker that answered it); the process metrics likewise.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Histogram,
)
from prometheus_client.core import GaugeMetricFamily

from portal.health import HEARTBEAT_KEY

logger = logging.getLogger(__name__)

REGISTRY = CollectorRegistry()  # not auto_describe: registering must not query the database
for _collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
    REGISTRY.register(_collector)

REQUESTS = Counter("portal_http_requests", "HTTP requests answered by this process, by method and status class.",
                   ["method", "status"], registry=REGISTRY)
REQUEST_SECONDS = Histogram("portal_http_request_duration_seconds", "Time to answer a request, in this process.",
                            buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10), registry=REGISTRY)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def request_observe(*, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method if method in METHODS else "other", f"{status // 100}xx").inc()
    REQUEST_SECONDS.observe(seconds)


def celery_queue_lengths() -> dict[str, int]:
    """Messages waiting in each Celery queue. Redis: LLEN of the queue's list. The filesystem broker (a developer's
    machine without Redis): the message files waiting in its folder. None of either: nothing (tests' memory://)."""
    queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")
    url = settings.CELERY_BROKER_URL
    if url.startswith(("redis://", "rediss://")):
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            return {queue: int(client.llen(queue))}
        finally:
            client.close()
    if url.startswith("filesystem://"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        return {queue: sum(1 for _ in folder.glob(f"*.{queue}.msg"))}
    return {}


def beat_last_tick() -> float | None:
    """When the beat heartbeat task last ran (portal.tasks.heartbeat, every five minutes), as a Unix time."""
    value = cache.get(HEARTBEAT_KEY)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).timestamp()
    except (TypeError, ValueError):
        return None


class BusinessCollector:
    """The gauges named in README's Metrics section, read at scrape time."""

    def collect(self):
        from workflow.selectors.metrics import case_figures_by_office, outbox_figures

        now = timezone.now()
        open_cases = GaugeMetricFamily("portal_cases_open", "Open cases (routed, in review, waiting for material) "
                                       "by deciding office.", labels=["office"])
        overdue = GaugeMetricFamily("portal_cases_overdue", "Open cases past their deadline, by deciding office.",
                                    labels=["office"])
        for figures in case_figures_by_office(now=now):
            open_cases.add_metric([figures.office], figures.open)
            overdue.add_metric([figures.office], figures.overdue)
        yield open_cases
        yield overdue
        outbox = outbox_figures(now=now)
        yield GaugeMetricFamily("portal_outbox_backlog", "SMS in the outbox not yet handed to the provider.",
                                value=outbox.backlog)
        yield GaugeMetricFamily("portal_outbox_oldest_unsent_seconds", "Age of the oldest SMS not yet handed to the "
                                "provider (0 when none waits).", value=outbox.oldest_unsent_seconds)
        queues = GaugeMetricFamily("portal_celery_queue_length", "Tasks waiting in the Celery broker's queue "
                                   "(-1: the broker could not be read).", labels=["queue"])
        try:
            lengths = celery_queue_lengths()
        except Exception as exc:
            logger.warning("Celery queue length unavailable: %s", exc.__class__.__name__)
            lengths = {"celery": -1}
        for queue, length in lengths.items():
            queues.add_metric([queue], length)
        yield queues
        tick = beat_last_tick()
        yield GaugeMetricFamily("portal_beat_last_tick_timestamp_seconds", "Unix time of the last heartbeat task "
                                "scheduled by Celery beat and run by a worker (0: none seen).", value=tick or 0)


REGISTRY.register(BusinessCollector())
