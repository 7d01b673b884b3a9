"""Code 128 barcodes of tracking codes, drawn as inline SVG that the strict Content-Security-Policy allows.

python-barcode computes the bars; the SVG is written here rather than by its SVGWriter because that
writer puts `style="fill:…"` on every bar (blocked by a CSP without 'unsafe-inline' styles) and adds an
XML prolog, a DOCTYPE and comments that do not belong inside HTML. What we write holds nothing but
numbers and presentation attributes: one white background and one path of bars, no script, no style.
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
# Height of the drawing in modules; the rendered height is set in mm (attributes) or by CSS.
_HEIGHT_UNITS = 48
_PRINTABLE = re.compile(r"^[\x20-\x7e]{1,80}$")


def code128_modules(value: str) -> str:
    """The Code 128 symbol of `value` (start, data, check and stop characters) as '1' (bar) and '0' (space)."""
    if not _PRINTABLE.fullmatch(value or ""):
        raise ValueError("a Code 128 barcode here encodes 1 to 80 printable ASCII characters")
    return "".join(Code128(value).build())


def _bars(modules: str) -> list[tuple[int, int]]:
    """(start, width) of each bar, in modules, quiet zone included."""
    return [(QUIET_ZONE + m.start(), len(m.group())) for m in re.finditer("1+", modules)]


def code128_svg(value: str, *, module_mm: float = MODULE_MM, height_mm: float = HEIGHT_MM,
                label: str | None = None) -> SafeString:
    """An inline <svg> of the Code 128 barcode of `value`, sized in millimetres for print.

    The drawing uses one unit per module and `preserveAspectRatio="none"`, so a stylesheet may set the
    width and height of `svg.barcode` independently (e.g. per paper format) without distorting the bars'
    proportions to each other.
    """
    modules = code128_modules(value)
    width = len(modules) + 2 * QUIET_ZONE
    path = "".join(f"M{x} 0h{w}v{_HEIGHT_UNITS}h-{w}z" for x, w in _bars(modules))
    aria = escape(label if label is not None else value)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="barcode" role="img" aria-label="{aria}" '
        f'viewBox="0 0 {width} {_HEIGHT_UNITS}" width="{width * module_mm:.2f}mm" height="{height_mm:.2f}mm" '
        f'preserveAspectRatio="none" shape-rendering="crispEdges">'
        f'<rect width="{width}" height="{_HEIGHT_UNITS}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>'
    )
    # Safe by construction: integers, fixed markup and an escaped label.
    return mark_safe(svg)  # noqa: S308
