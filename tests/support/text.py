"""What a person reads on a page: its text and the attributes a browser shows, without markup, scripts or URLs;
and the page's title and language."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Latin words a Chinese page or translation may show: formats, units, keys, standards and names that have no
# Chinese name in use. The page checks (tests/architecture/pages.py) and the catalogue check share it.
PROPER_TERMS = frozenset({
    "PDF", "CSV", "XLSX", "XLS", "csv", "xlsx", "xls", "pdf", "JPG", "JPEG", "PNG", "jpg", "jpeg", "png", "MB", "KB",
    "GB", "GB/T", "SHA", "UTF", "GBK", "SMS", "API", "ID", "IP", "QR", "Ctrl", "Enter", "Esc", "Tab", "F2", "F4",
    "A4", "Command", "P90", "P50", "URL", "HTTP", "HTTPS", "OTP", "PIN", "NUL", "Cookie", "Excel", "English", "Code",
    "SYB", "SIYB", "Chrome", "Chromium", "OK",
    # The bank files' format names and result words, as they stand in the files (docs/bank-files.md).
    "DYPAY1", "DYRET1", "PAID", "FAILED",
})

# Attributes whose value is read on screen or aloud (links, ids, classes and data-* are not).
SHOWN_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label")
HIDDEN_ELEMENTS = ("script", "style", "template", "head")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class PageText:
    parts: list[str] = field(default_factory=list)  # each run of text or shown attribute, stripped
    title: str = ""
    lang: str = ""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self.hiding = 0  # elements open inside one that hides its content (a script, an aria-hidden decoration)
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.page.lang = values.get("lang") or ""
        self.in_title = self.in_title or tag == "title"
        hides = tag in HIDDEN_ELEMENTS or values.get("aria-hidden") == "true"
        if (self.hiding or hides) and tag not in VOID:
            self.hiding += 1
        if self.hiding or hides:
            return
        self.page.parts += [values[a] for a in SHOWN_ATTRIBUTES if values.get(a)]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.page.parts.append(values["value"])

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if self.hiding and tag not in VOID:
            self.hiding -= 1

    def handle_data(self, data):
        if self.in_title:
            self.page.title += data
        elif not self.hiding and data.strip():
            self.page.parts.append(data.strip())


def read_text(html: str | bytes) -> PageText:
    parser = _Text()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    parser.page.title = parser.page.title.strip()
    return parser.page


def visible_text(html: str | bytes) -> str:
    return " ".join(read_text(html).parts)
