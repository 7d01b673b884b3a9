"""What a person reads on a page: its text and the attributes a browser shows, without markup, scripts or URLs."""

from __future__ import annotations

from html.parser import HTMLParser

# Attributes whose value is read on screen or aloud (links, ids, classes and data-* are not).
SHOWN_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label")
HIDDEN_ELEMENTS = ("script", "style", "template", "head")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS:
            self.hidden += 1
        values = dict(attrs)
        self.parts += [values[a] for a in SHOWN_ATTRIBUTES if values.get(a)]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str | bytes) -> str:
    parser = _Text()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return " ".join(parser.parts)
