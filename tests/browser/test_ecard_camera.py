"""The desk's camera reader: Chromium's fake camera plays a picture of an e-card's QR code; the clerk presses
"read an e-card with the camera", the page's jsQR (served from static/vendor) reads it, fills the identify box
and sends it, and the person's picture opens, recorded as identified by the e-card."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from tests.browser.support import WAIT, assert_no_csp_violations, log_in, start_chromium, wait_for


def y4m_of_png(png: bytes, path, *, frames: int = 5) -> None:
    """A short YUV4MPEG2 video of one still picture (what Chromium's fake camera plays, in a loop)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    side = 480
    canvas = Image.new("L", (640, side), 255)
    image = image.resize((side - 40, side - 40), Image.NEAREST)
    canvas.paste(image, ((640 - image.width) // 2, 20))
    luma = canvas.tobytes()
    chroma = bytes([128]) * (canvas.width * canvas.height // 4)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{canvas.width} H{canvas.height} F5:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + luma + chroma + chroma)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_desk_reads_an_e_card_with_the_camera(live_server, demo, tmp_path, monkeypatch):
    import segno
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from accounts.ecard import ecard_issue
    from accounts.models import ECardUse, Office
    from counter.services import windows_ensure
    from tests.factories import PersonFactory

    # The code is made before the browser starts (its camera plays it from a file): on a slow machine the start
    # and the login may take longer than a code lives. Expiry is tested elsewhere; here it must not interfere.
    monkeypatch.setattr("accounts.ecard.VALID_SECONDS", 600)
    hall = Office.objects.get(code="HALL-370523")
    windows_ensure(hall=hall, count=2)
    person = PersonFactory()
    content = ecard_issue(person=person).content
    png = io.BytesIO()
    segno.make(content, error="m").save(png, kind="png", scale=8, border=4)
    video = tmp_path / "ecard.y4m"
    y4m_of_png(png.getvalue(), video)
    browser = start_chromium(extra_arguments=(
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"))
    try:
        base = live_server.url
        log_in(browser, base, "clerk")
        Select(browser.find_element(By.ID, "id_window")).select_by_value(str(hall.windows.get(number=2).pk))
        opening = browser.find_element(By.ID, "open-window")
        opening.click()
        WebDriverWait(browser, WAIT).until(ec.staleness_of(opening))  # the desk page after the window opened
        # Shown by the script once it knows there is a camera and the decoder is loaded.
        camera = WebDriverWait(browser, WAIT).until(ec.visibility_of_element_located((By.ID, "ecard-camera")))
        camera.click()
        assert person.masked_id_number in wait_for(browser, "#subject", timeout=20).text
        assert "已通过电子社保卡二维码核验身份" in browser.find_element(By.TAG_NAME, "main").text
        assert ECardUse.objects.get().person == person
        assert browser.current_url.endswith(reverse("counter:desk-subject", args=["person", person.pk]))
        assert_no_csp_violations(browser)
    finally:
        browser.quit()
