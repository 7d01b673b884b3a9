"""QR codes drawn on the server as inline SVG (segno): no image request, no script, no inline style, nothing the
Content-Security-Policy refuses and no outside service. Used by the e-card and by the receipts."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, title: str, css_class: str = "qr-code", error: str = "m") -> SafeString:
    """An inline <svg role="img"> of the QR code of `data`, named `title` for screen readers (segno escapes it).
    It has a viewBox and no size: the stylesheet sizes it (on screen, in millimetres on paper). The four-module
    quiet zone that readers need is part of the drawing."""
    qr = segno.make(data, error=error, micro=False)
    svg = qr.svg_inline(omitsize=True, border=4, dark="#000", light="#fff", svgclass=css_class, title=title)
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 (segno's markup)
