"""What a browser sees on a page without running it: its links (href, hx-get) and its forms with every field."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

BUTTON_TYPES = {"submit", "button", "reset", "image"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea" or "button"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class Form:
    action: str  # an absolute path with its query string
    method: str  # "get" or "post"
    fields: list[Field] = field(default_factory=list)
    multipart: bool = False

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(f.name for f in self.fields if f.name))

    def defaults(self) -> dict[str, list[str]]:
        """What the browser would send as the page shows it (the first submit button pressed)."""
        data: dict[str, list[str]] = {}
        pressed = False
        for f in self.fields:
            if not f.name:
                continue
            if f.kind == "button" or f.kind in BUTTON_TYPES:
                if not pressed and f.kind in ("button", "submit"):
                    data.setdefault(f.name, []).append(f.value)
                    pressed = True
            elif f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")
            elif f.kind == "select":
                data.setdefault(f.name, []).append(f.value or (f.options[0] if f.options else ""))
            elif f.kind != "file":
                data.setdefault(f.name, []).append(f.value)
        return data


@dataclass
class Page:
    links: list[str] = field(default_factory=list)  # absolute paths with query strings, same site only
    forms: list[Form] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url, self.page = url, Page()
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None

    def _local(self, href: str | None) -> str | None:
        if href is None or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            return None
        absolute = urlsplit(urljoin(self.url, href))
        if absolute.netloc not in ("", "testserver"):
            return None
        return absolute.path + (f"?{absolute.query}" if absolute.query else "")

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        for attr in ("href", "hx-get") if tag in ("a", "div", "section", "span", "tbody", "button") else ():
            if attr in a and (link := self._local(a[attr])):
                self.page.links.append(link)
        if tag == "form":
            self.form = Form(action=self._local(a.get("action") or self.url) or self.url,
                             method=(a.get("method") or "get").lower(),
                             multipart="multipart" in a.get("enctype", ""))
            self.page.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            self.form.fields.append(Field(name=a.get("name", ""), kind=kind, value=a.get("value", ""),
                                          checked="checked" in a))
        elif tag == "button":
            self.form.fields.append(Field(name=a.get("name", ""), kind="button" if a.get("type", "submit")
                                          == "submit" else a.get("type"), value=a.get("value", "")))
        elif tag == "select":
            self.select = Field(name=a.get("name", ""), kind="select")
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select.options.append(a.get("value", ""))
            if "selected" in a:
                self.select.value = a.get("value", "")
        elif tag == "textarea":
            self.textarea = Field(name=a.get("name", ""), kind="textarea")
            self.form.fields.append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data


def read_page(url: str, html: str) -> Page:
    reader = _Reader(url)
    reader.feed(html)
    reader.close()
    return reader.page


def query_names(link: str) -> list[str]:
    return [name for name, _value in parse_qsl(urlsplit(link).query, keep_blank_values=True)]
