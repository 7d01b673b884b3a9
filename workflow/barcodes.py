"""Code 128 barcodes of tracking codes, drawn as inline SVG that the strict Content-Security-Policy allows.

python-barcode computes the bars; the SVG is written here rather than by its SVGWriter because that
writer puts `style="fill:…"` on every bar (blocked by a CSP without 'unsafe-inline' styles) and adds an
XML prolog, a DOCTYPE and comments that do not belong inside HTML. What we write holds nothing but
numbers and presentation attributes: one white background and one path of bars, no script, no style.

A barcode has two sizes. On paper it keeps its physical size in millimetres (0.25 mm bars on an 80 mm
roll). On a screen it is drawn in whole CSS pixels per module: 0.25 mm is 0.94 px at 96 dpi, so on an
ordinary screen (device scale 1) the bars fell between pixels, came out one or two pixels wide at random
and no scanner read them. `code128_screen_and_print` gives both, and static/css/portal.css shows the one
that fits the medium.
"""

from __future__ import annotations

import re

from barcode import Code128
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# ISO/IEC 15417 asks for a quiet zone of at least ten modules on each side.
QUIET_ZONE = 10
# 0.25 mm is exactly two dots of a 203 dpi thermal head: bars print with even widths.
MODULE_MM = 0.25
HEIGHT_MM = 12.0
# On screen: two CSS pixels a module, halved (by CSS) where the box is narrower than SCREEN_MAX_MODULES × 2 px.
# Either way a module is a whole number of device pixels at any device scale.
SCREEN_MODULE_PX = 2
SCREEN_HEIGHT_PX = 80
# A tracking code (16 characters) is at most 231 modules wide, quiet zones included; the CSS switch to one
# pixel a module is set for this width (portal.css: the container query on .barcode-box).
SCREEN_MAX_MODULES = 240
# Height of the drawing in modules; the rendered height is set in mm or px (attributes) or by CSS.
_HEIGHT_UNITS = 48
_PRINTABLE = re.compile(r"^[\x20-\x7e]{1,80}$")


def code128_modules(value: str) -> str:
    """The Code 128 symbol of `value` (start, data, check and stop characters) as '1' (bar) and '0' (space)."""
    if not _PRINTABLE.fullmatch(value or ""):
        raise ValueError("a Code 128 barcode here encodes 1 to 80 printable ASCII characters")
    return "".join(Code128(value).build())


def code128_width(value: str) -> int:
    """The width of the barcode of `value` in modules, quiet zones included."""
    return len(code128_modules(value)) + 2 * QUIET_ZONE


def _bars(modules: str) -> list[tuple[int, int]]:
    """(start, width) of each bar, in modules, quiet zone included."""
    return [(QUIET_ZONE + m.start(), len(m.group())) for m in re.finditer("1+", modules)]


def _svg(value: str, *, width: str, height: str, css_class: str, label: str | None) -> SafeString:
    modules = code128_modules(value)
    units = len(modules) + 2 * QUIET_ZONE
    path = "".join(f"M{x} 0h{w}v{_HEIGHT_UNITS}h-{w}z" for x, w in _bars(modules))
    aria = escape(label if label is not None else value)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" aria-label="{aria}" '
        f'viewBox="0 0 {units} {_HEIGHT_UNITS}" width="{width}" height="{height}" '
        f'preserveAspectRatio="none" shape-rendering="crispEdges">'
        f'<rect width="{units}" height="{_HEIGHT_UNITS}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>'
    )
    # Safe by construction: integers, fixed markup and an escaped label.
    return mark_safe(svg)  # noqa: S308


def code128_svg(value: str, *, module_mm: float = MODULE_MM, height_mm: float = HEIGHT_MM,
                label: str | None = None, css_class: str = "barcode") -> SafeString:
    """An inline <svg> of the Code 128 barcode of `value`, sized in millimetres for print.

    The drawing uses one unit per module and `preserveAspectRatio="none"`, so a stylesheet may set the
    width and height of `svg.barcode` independently (e.g. per paper format) without distorting the bars'
    proportions to each other.
    """
    width = code128_width(value) * module_mm
    return _svg(value, width=f"{width:.2f}mm", height=f"{height_mm:.2f}mm", css_class=css_class, label=label)


def code128_screen_svg(value: str, *, module_px: int = SCREEN_MODULE_PX, height_px: int = SCREEN_HEIGHT_PX,
                       label: str | None = None, css_class: str = "barcode") -> SafeString:
    """An inline <svg> of the Code 128 barcode of `value`, sized in whole CSS pixels per module for screens."""
    if module_px < 1 or int(module_px) != module_px:
        raise ValueError("a module on screen is a whole number of pixels")
    width = code128_width(value) * int(module_px)
    return _svg(value, width=f"{width}px", height=f"{height_px}px", css_class=css_class, label=label)


def code128_screen_and_print(value: str, *, module_mm: float = MODULE_MM, height_mm: float = HEIGHT_MM,
                             label: str | None = None) -> SafeString:
    """The barcode of `value` for a page that is both shown and printed: whole pixels on screen, mm on paper.

    portal.css shows `.barcode-screen` on screens (one pixel a module where the box is narrow, e.g. a phone
    or the 80 mm preview) and `.barcode-print` on paper; the hidden one is out of the accessibility tree.
    """
    screen = code128_screen_svg(value, label=label, css_class="barcode barcode-screen")
    paper = code128_svg(value, module_mm=module_mm, height_mm=height_mm, label=label,
                        css_class="barcode barcode-print")
    return mark_safe(f'<div class="barcode-box">{screen}{paper}</div>')  # noqa: S308 (two safe strings)
