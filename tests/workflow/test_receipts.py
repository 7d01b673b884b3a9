"""Receipts: what they show for immediate and time-limited cases, who may print them, and the barcode."""

from __future__ import annotations

import re
from datetime import datetime
from xml.etree import ElementTree

import pytest
import zxingcpp
from barcode import Code128
from barcode.writer import ImageWriter
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from accounts.models import User
from tests.conftest import en
from tests.factories import EmployerFactory, PersonFactory, region
from workflow import permissions
from workflow.barcodes import (
    QUIET_ZONE,
    SCREEN_MAX_MODULES,
    code128_screen_and_print,
    code128_screen_svg,
    code128_svg,
    code128_width,
)
from workflow.models import Case, ServiceMaterial
from workflow.rules.calendar import SHANGHAI
from workflow.rules.codes import TRACKING_ALPHABET, TRACKING_LENGTH
from workflow.selectors.tracking import case_receipt
from workflow.services import case_accept, case_claim, case_release, case_request_supplement

pytestmark = pytest.mark.django_db


def receipt_url(case, **query):
    url = reverse("receipts:receipt", kwargs={"number": case.number})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def resident(users):
    return users["resident"]


@pytest.fixture
def timed_case(test_services, users, resident):
    with freeze_time(datetime(2026, 2, 12, 10, tzinfo=SHANGHAI)):
        return case_accept(service_code="test.timed", actor=users["clerk"], channel="counter",
                           person=resident.person, materials=["id_card", "form"])


def decode_png(image: Image.Image) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.Code128)]


def rasterize(svg: str, px_per_module: int = 3) -> Image.Image:
    """Draw our SVG as a bitmap: its viewBox, white background and the bars of its one path."""
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own markup)
    _, _, width, height = (int(v) for v in root.get("viewBox").split())
    image = Image.new("L", (width * px_per_module, height * px_per_module), 255)
    draw = ImageDraw.Draw(image)
    path = root.find("{http://www.w3.org/2000/svg}path").get("d")
    for x, w in re.findall(r"M(\d+) 0h(\d+)v\d+h-\d+z", path):
        x0 = int(x) * px_per_module
        draw.rectangle([x0, 0, x0 + int(w) * px_per_module - 1, image.height], fill=0)
    return image


# --- The barcode ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["7K3M9QX2HB4T0RZE", "0000000000000000", "ZZZZZZZZZZZZZZZZ", "V8KQ3WTZ1NP6HGRY"])
def test_the_code_128_of_a_tracking_code_decodes_back_to_it(code):
    png = Code128(code, writer=ImageWriter()).render(
        {"module_width": 0.25, "module_height": 12, "quiet_zone": 2.5, "write_text": False, "dpi": 300})
    assert decode_png(png) == [code]
    # The inline SVG the receipt carries draws the same bars: drawn as a bitmap, it decodes too.
    assert decode_png(rasterize(str(code128_svg(code)))) == [code]


def test_the_svg_passes_the_strict_csp_and_holds_nothing_but_bars():
    svg = str(code128_svg("7K3M9QX2HB4T0RZE", label='<script>alert(1)</script>"'))
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own markup): well-formed, no prolog, no DOCTYPE
    elements = [el.tag.split("}")[1] for el in root.iter()]
    assert elements == ["svg", "rect", "path"]
    attributes = {name for el in root.iter() for name in el.attrib}
    assert "style" not in attributes and not any(a.lower().startswith("on") for a in attributes)
    assert "<script" not in svg and root.get("aria-label") == '<script>alert(1)</script>"'
    width = int(root.get("viewBox").split()[2])
    assert width == len("".join(Code128("7K3M9QX2HB4T0RZE").build())) + 2 * QUIET_ZONE


def test_the_barcode_refuses_what_code_128_cannot_carry():
    with pytest.raises(ValueError):
        code128_svg("二维码")
    with pytest.raises(ValueError):
        code128_svg("")
    with pytest.raises(ValueError):
        code128_screen_svg("7K3M9QX2HB4T0RZE", module_px=1.5)


def test_a_page_gets_whole_pixels_a_module_on_screen_and_millimetres_on_paper():
    code = "7K3M9QX2HB4T0RZE"
    screen, paper = ElementTree.fromstring(str(code128_screen_and_print(code, module_mm=0.33)))  # noqa: S314
    modules = code128_width(code)
    assert screen.get("class") == "barcode barcode-screen" and screen.get("width") == f"{modules * 2}px"
    assert paper.get("class") == "barcode barcode-print" and paper.get("width") == f"{modules * 0.33:.2f}mm"
    assert decode_png(rasterize(ElementTree.tostring(screen, encoding="unicode"), px_per_module=1)) == [code]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=TRACKING_ALPHABET, min_size=TRACKING_LENGTH, max_size=TRACKING_LENGTH))
def test_every_tracking_code_fits_the_screen_width_the_stylesheet_is_set_for(code):
    # portal.css halves a screen barcode in a box narrower than SCREEN_MAX_MODULES × 2 px: a wider one would
    # squeeze its bars between pixels in a box just wider than that.
    assert code128_width(code) <= SCREEN_MAX_MODULES


# --- Content ---------------------------------------------------------------------------------------------


def test_a_time_limited_receipt_shows_everything_the_applicant_needs(timed_case, users, client):
    client.force_login(users["clerk"])
    page = en(client).get(receipt_url(timed_case)).content.decode()
    clerk = users["clerk"]
    for expected in [timed_case.number, "测试限时业务", "<li>居民身份证</li>",
                     "<li>申请表</li>", "2026-02-26 17:00", clerk.office.name, clerk.staff_number,
                     timed_case.jurisdiction_office.name, timed_case.formatted_tracking_code,
                     f"http://127.0.0.1:8000/track/{timed_case.tracking_code}/", '<svg xmlns="http://www.w3.org/2000/svg"',
                     timed_case.person.masked_name, timed_case.person.masked_id_number]:
        assert expected in page, expected
    assert timed_case.person.id_number not in page and "Completed on the spot" not in page
    svg = re.search(r"<svg .*?</svg>", page).group()
    assert decode_png(rasterize(svg)) == [timed_case.tracking_code]


def test_an_immediate_receipt_says_completed_on_the_spot(test_services, users, resident, client):
    case = case_accept(service_code="test.immediate", actor=users["clerk"], channel="counter",
                       person=resident.person)
    client.force_login(users["clerk"])
    page = en(client).get(receipt_url(case)).content.decode()
    assert "Completed on the spot" in page and "Deciding office" not in page
    assert "Materials received</dt><dd>None" in page


def test_material_asked_for_later_is_on_a_reprinted_receipt(timed_case, users, client):
    case_claim(case=timed_case, actor=users["reviewer"])
    case_request_supplement(case=timed_case, actor=users["reviewer"], materials=["form"])
    client.force_login(users["reviewer"])
    page = en(client).get(receipt_url(timed_case)).content.decode()
    assert "Material still to bring</dt><dd><ul><li>申请表</li>" in page


def test_the_paper_format_switches_between_80mm_and_a4(timed_case, users, resident, client):
    client.force_login(users["clerk"])
    page = client.get(receipt_url(timed_case)).content.decode()
    assert "paper-80mm" in page and 'width="57.75mm"' in page  # counters print on receipt rolls
    page = client.get(receipt_url(timed_case, format="a4")).content.decode()
    assert "paper-a4" in page and 'width="76.23mm"' in page
    assert "paper-80mm" in client.get(receipt_url(timed_case, format="../x")).content.decode()
    client.force_login(resident)
    assert "paper-a4" in client.get(receipt_url(timed_case)).content.decode()  # at home: office paper


def test_the_print_button_is_a_static_script_not_inline(timed_case, users, client):
    client.force_login(users["clerk"])
    page = client.get(receipt_url(timed_case)).content.decode()
    assert re.search(r'<script nonce="[^"]+" src="/static/workflow/receipt.js" defer></script>', page)
    assert "onclick" not in page and "style=" not in page
    assert "receipt.css" in page


# --- Access ----------------------------------------------------------------------------------------------


def test_the_applicant_prints_their_own_receipt_and_nobody_elses(timed_case, users, resident, client):
    client.force_login(resident)
    assert client.get(receipt_url(timed_case)).status_code == 200
    stranger = User.objects.create(username="stranger", kind=User.Kind.RESIDENT,
                                   person=PersonFactory(hukou_region=region("370503001")))
    client.force_login(stranger)
    assert client.get(receipt_url(timed_case)).status_code == 404


@pytest.mark.parametrize("role, status", [("clerk", 200), ("clerk2", 404), ("reviewer", 200), ("reviewer2", 404),
                                          ("head", 200), ("head2", 404), ("leader", 200), ("admin", 404),
                                          ("employer_admin", 404)])
def test_other_halls_and_districts_get_a_404(timed_case, users, client, role, status):
    client.force_login(users[role])
    assert client.get(receipt_url(timed_case)).status_code == status


def test_an_employers_users_print_its_receipts(test_services, users, client):
    employer = users["employer_admin"].employer
    case = case_accept(service_code="test.employer", actor=users["clerk2"], channel="counter", employer=employer)
    for role, status in [("employer_admin", 200), ("employer_staff", 200), ("resident", 404), ("clerk", 404)]:
        client.force_login(users[role])
        assert client.get(receipt_url(case)).status_code == status, role


def test_the_scoped_selector_agrees_with_can_view(test_services, users, resident):
    employer = EmployerFactory(region=region("370502"))
    cases = [
        case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=resident.person),
        case_accept(service_code="test.timed", actor=users["clerk2"], channel="counter",
                    person=PersonFactory(hukou_region=region("370502001"))),
        case_accept(service_code="test.employer", actor=users["clerk2"], channel="counter", employer=employer),
        case_accept(service_code="test.employer", actor=users["clerk"], channel="counter",
                    employer=users["employer_admin"].employer),
    ]
    for role, user in users.items():
        for case in cases:
            visible = case_receipt(user=user, number=case.number) is not None
            assert visible == permissions.can_view(user, case), (role, case.number)


def test_the_receipt_costs_the_same_queries_with_more_materials_and_events(timed_case, users, client):
    client.force_login(users["reviewer"])
    client.get(receipt_url(timed_case))  # the session is warm
    with CaptureQueriesContext(connection) as before:
        client.get(receipt_url(timed_case))
    for i in range(5):
        ServiceMaterial.objects.create(service=timed_case.service, code=f"extra{i}", name_zh=f"材料{i}",
                                       name_en=f"Extra {i}")
    Case.objects.filter(pk=timed_case.pk).update(materials_received=["id_card", "form"] + [f"extra{i}"
                                                                                           for i in range(5)])
    case_claim(case=timed_case, actor=users["reviewer"])
    for _ in range(5):
        case_release(case=timed_case, actor=users["reviewer"])
        case_claim(case=timed_case, actor=users["reviewer"])
    with CaptureQueriesContext(connection) as after:
        page = en(client).get(receipt_url(timed_case)).content.decode()
    assert "<li>Extra 4</li>" in page
    assert len(after) == len(before)
    assert len([q for q in after.captured_queries if "workflow_" in q["sql"]]) == 2  # the case; its materials
