"""An office's open cases (the workbench, the leadership's drill-down), rendered in Python
(workflow.templatetags.board.case_rows), are byte for byte what the template loop rendered before (kept as
tests/workflow/reference/case_table_before.html), in English and in Chinese, with and without the claim column."""

from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from freezegun import freeze_time

from tests.factories import EmployerFactory, PersonFactory, region
from tests.workflow.backoffice_support import accept, sh
from workflow.models import Case
from workflow.selectors.backoffice import office_case_list
from workflow.services import case_accept, case_claim, case_request_supplement, work_calendar

pytestmark = pytest.mark.django_db

NOW = sh(2026, 3, 12, 10)
BEFORE = Path(__file__).parent / "reference" / "case_table_before.html"
PARTIAL = "workflow/partials/_case_table.html"


@pytest.fixture
def rows(users, test_services):
    """河口区's open cases: routed (to claim), claimed, waiting for material, an employer's and a person's with an
    employer; a reviewer, an applicant and an accepting office whose names need escaping."""
    users["reviewer"].last_name = "O'Brien <b>&"
    users["reviewer"].save(update_fields=["last_name"])
    users["head"].last_name = ""  # the reviewer's user name is shown instead
    users["head"].save(update_fields=["last_name"])
    users["clerk"].office.name = '广饶县 "大厅" & <窗口>'
    users["clerk"].office.save(update_fields=["name"])
    accept(users, at=sh(2026, 3, 2, 10))
    claimed = accept(users, at=sh(2026, 3, 2, 11))
    with freeze_time(sh(2026, 3, 3, 9)):
        case_claim(case=claimed, actor=users["reviewer"])
    waiting = accept(users, at=sh(2026, 3, 3, 10))
    with freeze_time(sh(2026, 3, 4, 9)):
        case_claim(case=waiting, actor=users["head"])
        case_request_supplement(case=waiting, actor=users["head"], materials=["身份证"], note="请补交")
    employer = EmployerFactory(region=region("370503"), name="O'Brien <b>& 有限公司")
    with freeze_time(sh(2026, 3, 5, 10)):
        case_accept(service_code="test.employer", actor=users["clerk"], channel="counter", employer=employer)
        case_accept(service_code="test.calendar", actor=users["clerk"], channel="counter", employer=employer,
                    person=PersonFactory(hukou_region=region("370503001"), residence_region=region("370503001")))
    accept(users, at=sh(2026, 3, 11, 15))
    with freeze_time(NOW):
        listing = office_case_list(office=users["reviewer"].office, user=users["reviewer"], filter="all", page=None,
                                   now=NOW, calendar=work_calendar())
    return listing.rows


def _both(users, context, path="/cases/?filter=all&x=<1>\"'"):
    request = RequestFactory().get(path)
    request.user = users["reviewer"]
    before = engines["django"].from_string(BEFORE.read_text()).render(context, request)
    after = render_to_string(PARTIAL, context, request=request)
    return before, after


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("can_claim", [True, False])
def test_the_rows_are_what_the_template_rendered(users, rows, language, can_claim):
    statuses = {c.status for c in rows}
    assert {Case.Status.ROUTED, Case.Status.IN_REVIEW, Case.Status.SUPPLEMENT_REQUESTED} <= statuses
    assert any(c.employer and not c.person for c in rows) and any(c.employer and c.person for c in rows)
    assert any(c.person and not c.employer for c in rows) and any(c.countdown.deadline for c in rows)
    with translation.override(language):
        before, after = _both(users, {"rows": rows, "can_claim": can_claim, "csrf_token": "tok&en"})
    assert after == before
    assert "O&#x27;Brien &lt;b&gt;&amp;" in after and "&quot;大厅&quot; &amp; &lt;窗口&gt;" in after
    assert ('<span class="small muted">head</span>' in after) and after.count("<tr>") == len(rows) + 1
    routed = sum(c.status == Case.Status.ROUTED for c in rows)
    assert after.count('class="inline-form"') == (routed if can_claim else 0)
    if can_claim:
        assert 'value="/cases/?filter=all&amp;x=%3C1%3E%22&#x27;"' in after
        assert 'name="csrfmiddlewaretoken" value="tok&amp;en"' in after
    assert ('data-label="剩余时间"' in after) == (language == "zh-hans")
    assert (">领取</button>" in after) == (language == "zh-hans" and can_claim)


def test_without_a_token_or_a_request_and_with_no_rows(users, rows):
    rows[0].accepted_office = None  # as the template reads it: no accepting office shows a dash
    context = {"rows": rows, "can_claim": True, "csrf_token": "NOTPROVIDED"}
    before, after = _both(users, context, path="/cases/")
    assert after == before and "csrfmiddlewaretoken" not in after and '">—</td>' in after
    template = engines["django"].from_string(BEFORE.read_text())
    assert render_to_string(PARTIAL, {"rows": rows, "can_claim": True}) == template.render({"rows": rows,
                                                                                             "can_claim": True})
    empty = render_to_string(PARTIAL, {"rows": [], "can_claim": True})
    assert "<table" not in empty and empty == template.render({"rows": [], "can_claim": True})
