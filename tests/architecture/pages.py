"""Reading a page as its user reads it: the visible text, its title, links, and what a Chinese page must not show."""

from __future__ import annotations

import re

from django.test import Client

from tests.support.html import read_page
from tests.support.text import PROPER_TERMS, PageText, read_text

ALLOWED_LATIN = PROPER_TERMS
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
# Chinese text (or its closing brackets and quotes), then an ASCII mark that ends a label, clause or sentence,
# followed by a space, the end of the text or more Chinese ("身份证号码:"). "申请表.pdf" and "12:30" are not caught.
_CHINESE = r"[\u3400-\u9fff）》」”]"
ASCII_MARK = re.compile(rf"{_CHINESE}\s*[:;,.!?](?=\s|$|{_CHINESE})", re.MULTILINE)


def ascii_marks(text: str) -> list[str]:
    """ASCII punctuation after Chinese text, each with a little of what surrounds it."""
    return [text[max(m.start() - 20, 0):m.end() + 10].strip() for m in ASCII_MARK.finditer(text)]


# A booking code as shown ("7KQM-2XPA", counter.rules.BOOKING_ALPHABET): one drawn without a digit is still a code.
BOOKING_CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


def latin_words(text: str) -> set[str]:
    """Latin words in a text, leaving out identifiers (numbers, codes with digits, booking codes, URLs) and allowed
    terms."""
    words = set()
    for token in _TOKENS.findall(_IDENTIFIERS.sub(" ", text)):
        if any(ch.isdigit() for ch in token) or token in ALLOWED_LATIN or BOOKING_CODE.fullmatch(token):
            continue
        for word in re.split(r"[-_./]", token):
            if len(word) >= 2 and word not in ALLOWED_LATIN:
                words.add(token)
                break
    return words


def problems(page: PageText, *, names: frozenset[str] = frozenset()) -> list[str]:
    """What a reader of a Chinese page should never meet on it. `names` are user names, which are Latin by
    nature (a colleague's login, the signed-in user's name in the admin's header)."""
    found = []
    if not page.title:
        found.append("no <title>")
    text = "\n".join(page.parts)
    if page.lang.lower().startswith("zh"):
        words = latin_words(text) - names
        if words:
            found.append(f"Latin words: {sorted(words)[:12]}")
        if marks := ascii_marks(text):
            found.append(f"ASCII punctuation after Chinese: {marks[:6]}")
    codes = set(CODE_IDENTIFIER.findall(_IDENTIFIERS.sub(" ", text)))
    if codes:
        found.append(f"code identifiers: {sorted(codes)[:12]}")
    figures = LONG_DECIMAL.findall(text) + ONE_PLACE_YUAN.findall(text)
    if figures:
        found.append(f"figures not in two places: {figures[:6]}")
    return found


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
    html = response.content.decode()
    text = read_text(html)
    if issues := problems(text, names=_user_names()):
        failures[url] = issues
    found[url] = text.title
    return read_page(url, html).links


def report(role: str, failures: dict) -> str:
    lines = [f"{role}: {len(failures)} pages with problems"]
    lines += [f"  {url}: {'; '.join(issues)}" for url, issues in sorted(failures.items())]
    return "\n".join(lines)
