"""Reading the QR codes the portal draws: its inline SVG (segno's one path of horizontal runs) drawn as a bitmap,
or a screenshot, decoded by zxing-cpp, as a phone or a hall's scanner would read them."""

from __future__ import annotations

import io
import re

import zxingcpp
from PIL import Image, ImageDraw


def rasterize_qr(svg: str, px_per_module: int = 6) -> Image.Image:
    """segno's SVG: a viewBox in modules and a path of runs ("M4 4.5h7m1 0h4 ...": move, then a dark run of n
    modules along the row whose middle is y)."""
    width, height = (int(v) for v in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    path = re.search(r'<path class="qrline"[^>]*\sd="([^"]+)"', svg).group(1)
    image = Image.new("L", (width * px_per_module, height * px_per_module), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        a = float(a)
        if command == "M":
            x, y = a, float(b)
        elif command == "m":
            x, y = x + a, y + float(b)
        else:  # h: a run of dark modules
            row = int(y - 0.5)
            draw.rectangle([x * px_per_module, row * px_per_module, (x + a) * px_per_module - 1,
                            (row + 1) * px_per_module - 1], fill=0)
            x += a
    return image


def decode_qr(image: Image.Image) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)]


def decode_qr_svg(svg: str) -> list[str]:
    return decode_qr(rasterize_qr(svg))


def decode_qr_png(png: bytes) -> list[str]:
    return decode_qr(Image.open(io.BytesIO(png)))


def svgs_in(html: str, css_class: str) -> list[str]:
    """The inline <svg> elements of a page with the given class."""
    return re.findall(rf'<svg role="img" [^>]*class="[^"]*\b{css_class}\b[^"]*".*?</svg>', html, flags=re.S)
