"""Every error the portal can answer (400, 403, 404, 405, 429, 500, a refused CSRF check) is its own page in the
site layout, in Chinese, with a <title>; never the browser's blank English page nor Django's bare one."""

import re

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import Client
from django.urls import path
from django_ratelimit.exceptions import Ratelimited

from accounts.access import public
from portal import urls as portal_urls

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


def _raise(exc):
    @public
    def view(request):
        raise exc
    return view


@public
def _boom(request):
    raise RuntimeError("a bug")


# A URLconf of the portal's own pages and handlers plus views that fail in each way (the error handlers are the
# portal's, declared in portal.urls).
urlpatterns = [
    path("fail/400/", _raise(SuspiciousOperation("bad"))),
    path("fail/403/", _raise(PermissionDenied())),
    path("fail/404/", _raise(Http404())),
    path("fail/429/", _raise(Ratelimited())),
    path("fail/500/", _boom),
    *portal_urls.urlpatterns,
]
handler400, handler403, handler404, handler500 = (
    getattr(portal_urls, f"handler{status}", f"django.views.defaults.{view}") for status, view in
    ((400, "bad_request"), (403, "permission_denied"), (404, "page_not_found"), (500, "server_error")))


def assert_chinese_page(response, status: int):
    body = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    assert title and HAN.search(title.group(1)), "a page without a Chinese <title>"
    heading = re.search(r"<h1>(.*?)</h1>", body, re.S)
    assert heading and HAN.search(heading.group(1))
    assert 'lang="zh-hans"' in body and 'class="site-header"' in body and 'class="site-footer"' in body
    return body


@pytest.fixture
def failing_client(settings):
    settings.ROOT_URLCONF = "tests.portal.test_error_pages"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("status,heading", [(400, "请求无法处理"), (403, "无权访问"), (404, "页面不存在"),
                                            (429, "请求过于频繁"), (500, "系统暂时无法处理您的请求")])
def test_each_error_is_a_chinese_page_in_the_layout(failing_client, status, heading):
    body = assert_chinese_page(failing_client.get(f"/fail/{status}/"), status)
    assert heading in body


def test_the_500_page_shows_the_staff_layout_to_staff(failing_client, users):
    failing_client.force_login(users["clerk"])
    body = assert_chinese_page(failing_client.get("/fail/500/"), 500)
    assert "经办端" in body and "返回我的首页" in body


def test_the_500_page_needs_nothing_when_even_the_layout_fails(failing_client, users, monkeypatch):
    def broken(user, section):
        raise RuntimeError("the database is down")

    failing_client.force_login(users["clerk"])
    monkeypatch.setattr("accounts.navigation.nav_for", broken)  # the staff menu cannot be read
    response = failing_client.get("/fail/500/")
    assert response.status_code == 500 and "系统暂时无法处理您的请求" in response.content.decode()


def test_a_get_on_a_post_only_page_is_the_405_page_with_its_allow_header(client, users):
    client.force_login(users["clerk"])
    response = client.get("/insurance/cards/batches/new/")
    body = assert_chinese_page(response, 405)
    assert response["Allow"] == "POST"
    assert "按钮" in body  # it says how to use the action instead


def test_a_refused_csrf_check_is_a_chinese_page_saying_nothing_was_saved():
    client = Client(enforce_csrf_checks=True)
    body = assert_chinese_page(client.post("/accounts/login/", {"username": "clerk", "password": "x"}), 403)
    assert "表单已过期" in body and "未保存" in body


def test_error_pages_follow_the_chosen_language(client):
    client.cookies["django_language"] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "<title>Not found</title>" in response.content.decode()
