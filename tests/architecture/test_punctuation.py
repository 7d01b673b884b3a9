"""Chinese pages use Chinese punctuation: no ASCII colon, comma or full stop after Chinese text ("身份证号码:").

Every page of the permission table, rendered in Chinese for one role allowed to see it.
"""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from tests.architecture.access import ROLES
from tests.architecture.test_permission_table import PAGES, ctx  # noqa: F401 - the tables' objects, as a fixture

# Chinese text (or its closing brackets and quotes), then an ASCII mark that ends a label, clause or sentence:
# followed by a space, the end of the text or more Chinese. "申请表.pdf" and "12:30" are not caught.
CHINESE = r"[\u3400-\u9fff）》」”]"
ASCII_MARK = re.compile(rf"{CHINESE}\s*[:;,.!?](?=\s|$|{CHINESE})", re.MULTILINE)


def visible_text(page: str) -> str:
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>|<!--.*?-->", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def ascii_marks(page: str) -> list[str]:
    text = visible_text(page)
    return [text[max(m.start() - 20, 0):m.end() + 10].strip() for m in ASCII_MARK.finditer(text)]


def test_the_check_catches_ascii_marks_after_chinese_only():
    assert ascii_marks("<label>身份证号码:</label> <p>您好, 王芳</p><a>预约办理</a>.")
    assert not ascii_marks("<p>身份证号码：</p><p>申请表.pdf 12:30 PDF, CSV</p><p>您好，王芳。</p>")


def _reader(page) -> str | None:
    """A role that gets the page (200), or None."""
    return next((role for role in ROLES if page.expected(role) == 200), None)


@pytest.mark.django_db
def test_no_ascii_punctuation_after_chinese_text_on_any_page(ctx, client):  # noqa: F811 - the imported fixture
    """One test for all pages: the tables' objects are made once (a test per page would make them a hundred
    times)."""
    found, read = {}, 0
    for page in PAGES:
        role = _reader(page) if page.method == "get" else None
        if role is None:
            continue
        client.logout()
        if role != "anonymous":
            client.force_login(ctx[role])
        response = client.get(reverse(page.url_name, kwargs=page.kwargs(ctx) if page.kwargs else None))
        assert response.status_code == 200, (page.id, role)
        if "html" in response.get("Content-Type", ""):
            read += 1
            marks = ascii_marks(response.content.decode())
            if marks:
                found[f"{page.id} as {role}"] = marks
    assert read > 50
    assert not found, found
