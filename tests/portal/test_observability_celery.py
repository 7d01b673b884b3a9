"""A Celery task's log lines carry the id of the request that queued it: through the message's headers to a
worker (a real one, in a thread, on an in-memory broker), and directly when the task runs eagerly."""

from __future__ import annotations

import logging

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.http import HttpResponse
from django.test import RequestFactory

from portal.observability.celery_signals import HEADER
from portal.observability.requestid import RequestIdMiddleware

task_logger = logging.getLogger("tests.observe.task")


@pytest.fixture(scope="module")
def worker_app():
    """A Celery app of the test's own on the in-memory broker: the portal's signal receivers are Celery-wide."""
    app = Celery("observe-test", broker="memory://", backend="cache+memory://")
    app.conf.update(task_always_eager=False, worker_hijack_root_logger=False)

    @app.task(name="tests.observe.say")
    def say(word):
        task_logger.info("task says %s", word)
        return word

    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app, say
    finally:
        # start_worker makes this app the current and the default one; every later test (and thread) must publish
        # through the portal's app again, or its tasks vanish into this in-memory broker.
        import portal.celery

        portal.celery.app.set_current()
        portal.celery.app.set_default()


def test_a_task_queued_by_a_request_logs_with_that_requests_id_in_the_worker(worker_app, json_log):
    _app, say = worker_app
    published = {}

    def view(request):
        published["result"] = say.delay("hello")
        return HttpResponse("queued")

    response = RequestIdMiddleware(view)(RequestFactory().get("/", headers={"X-Request-ID": "proxy-req-0001"}))
    assert response["X-Request-ID"] == "proxy-req-0001"
    assert published["result"].get(timeout=10) == "hello"
    (line,) = [line for line in json_log.lines() if line["logger"] == task_logger.name]
    assert line["message"] == "task says hello" and line["request_id"] == "proxy-req-0001"


def test_a_task_nobody_queued_from_a_request_is_known_by_its_task_id(worker_app, json_log):
    _app, say = worker_app
    result = say.delay("alone")
    assert result.get(timeout=10) == "alone"
    (line,) = [line for line in json_log.lines() if line["logger"] == task_logger.name]
    assert line["request_id"] == result.id


def test_the_header_is_added_when_publishing_inside_a_request():
    from portal.observability.celery_signals import add_request_id
    from portal.observability.logs import request_id_var

    headers = {}
    token = request_id_var.set("abcdef0123456789")
    try:
        add_request_id(headers=headers)
    finally:
        request_id_var.reset(token)
    assert headers == {HEADER: "abcdef0123456789"}
    add_request_id(headers=(outside := {}))
    assert outside == {}


@pytest.mark.django_db
def test_an_eager_task_run_inside_a_request_logs_with_its_id(json_log, settings):
    from portal.tasks import heartbeat

    settings.CELERY_TASK_ALWAYS_EAGER = True

    def view(request):
        heartbeat.delay()
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    trace = [line for line in json_log.lines() if line["logger"] == "celery.app.trace"]
    assert trace and all(line["request_id"] == response["X-Request-ID"] for line in trace)
