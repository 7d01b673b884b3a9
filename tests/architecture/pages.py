"""Reading a page as its user reads it: the visible text, its title, links, and what a Chinese page must not show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client

# Text a reader sees besides element content.
VISIBLE_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")
INVISIBLE_ELEMENTS = {"script", "style", "template", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# Latin words a Chinese page may show: proper terms and names of things that have no Chinese name in use.
ALLOWED_LATIN = {
    "SMS", "PDF", "API", "CSV", "Excel", "xlsx", "xls", "csv", "QR", "ID", "IP", "HTTP", "HTTPS", "URL", "English",
    "A4", "Code", "SYB", "GB", "GB/T", "Ctrl", "Enter", "Esc", "Tab", "F2", "F4", "PIN", "SIYB", "Chrome",
    "Chromium", "OK", "XLSX", "PNG", "JPEG",
}
# A tracking code (4 groups of 4), a URL, an e-mail address, a masked value (370502********123X, a password's salt
# "Ba**********"): identifiers, not words.
_IDENTIFIERS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b|\b[0-9A-Z]{16}\b"
    r"|[0-9A-Za-z]*\*{4,}[0-9A-Za-z]*")
# Runs of letters and digits, hyphens inside: one with a digit is an identifier (a number, a code).
_TOKENS = re.compile(r"[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)*")
# A code identifier as the code spells it: insurance.reimbursement, subsidy_vocational_training.
CODE_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\.[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"
                             r"|\b[a-z][a-z0-9]*\.[a-z][a-z0-9_]{2,}\b|\b[a-z]+(?:_[a-z0-9]+)+\b")
# A figure with a float's tail (6420.18000000000; rates and indexes have up to four places), or an amount in
# yuan with one place (150.5 元).
LONG_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d{5,}(?![\d.])")
ONE_PLACE_YUAN = re.compile(r"(?<![\d.])\d+\.\d\s*元")


@dataclass
class Page:
    url: str
    title: str = ""
    lang: str = ""
    text: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []
        self.in_title = False

    def _hidden(self) -> bool:
        return any(tag in INVISIBLE_ELEMENTS for tag in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page.lang = attrs.get("lang") or ""
        if tag == "title":
            self.in_title = True
        if tag == "a" and attrs.get("href"):
            self.page.links.append(attrs["href"])
        if not self._hidden():
            for name in VISIBLE_ATTRIBUTES:
                if attrs.get(name):
                    self.page.text.append(attrs[name])
            if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
                self.page.text.append(attrs["value"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.in_title:
            self.page.title += data
        elif not self._hidden() and data.strip():
            self.page.text.append(data.strip())


def read(url: str, html: str) -> Page:
    page = Page(url=url)
    _Reader(page).feed(html)
    page.title = page.title.strip()
    return page


def latin_words(text: str) -> set[str]:
    """Latin words in a text, leaving out identifiers (numbers, codes with digits, URLs) and allowed terms."""
    words = set()
    for token in _TOKENS.findall(_IDENTIFIERS.sub(" ", text)):
        if any(ch.isdigit() for ch in token) or token in ALLOWED_LATIN:
            continue
        for word in re.split(r"[-_./]", token):
            if len(word) >= 2 and word not in ALLOWED_LATIN:
                words.add(token)
                break
    return words


def problems(page: Page, *, names: frozenset[str] = frozenset()) -> list[str]:
    """What a reader of a Chinese page should never meet on it. `names` are user names, which are Latin by
    nature (a colleague's login, the signed-in user's name in the admin's header)."""
    found = []
    if not page.title:
        found.append("no <title>")
    text = "\n".join(page.text)
    if page.lang.lower().startswith("zh"):
        words = latin_words(text) - names
        if words:
            found.append(f"Latin words: {sorted(words)[:12]}")
    codes = set(CODE_IDENTIFIER.findall(_IDENTIFIERS.sub(" ", text)))
    if codes:
        found.append(f"code identifiers: {sorted(codes)[:12]}")
    figures = LONG_DECIMAL.findall(text) + ONE_PLACE_YUAN.findall(text)
    if figures:
        found.append(f"figures not in two places: {figures[:6]}")
    return found


def internal_links(page: Page) -> list[str]:
    """The page's links to other pages of the portal (GET), without fragments."""
    links = []
    for href in page.links:
        absolute, _fragment = urldefrag(urljoin(page.url, href))
        parts = urlsplit(absolute)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def _user_names() -> frozenset[str]:
    from accounts.models import User

    return frozenset(User.objects.values_list("username", flat=True))


def check_page(client: Client, url: str, found: dict, failures: dict) -> list[str]:
    """Request a page as the client's user; note its title in `found`, what is wrong in `failures`; return
    where it leads (its links, or where it redirects)."""
    response = client.get(url)
    if response.status_code >= 500:
        failures[url] = [f"HTTP {response.status_code}"]
        return []
    if response.status_code in (301, 302):
        return [response["Location"]]
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return []
    if b"<html" not in response.content[:1000].lower():
        return []  # a fragment (htmx), checked inside the page that shows it
    page = read(url, response.content.decode())
    if issues := problems(page, names=_user_names()):
        failures[url] = issues
    found[url] = page.title
    return internal_links(page)


def report(role: str, failures: dict) -> str:
    lines = [f"{role}: {len(failures)} pages with problems"]
    lines += [f"  {url}: {'; '.join(issues)}" for url, issues in sorted(failures.items())]
    return "\n".join(lines)
