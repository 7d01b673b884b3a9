"""The font every PDF of the portal is set in, embedded so that a document prints the same everywhere.

Noto Sans CJK SC (SIL Open Font License 1.1, workflow/fonts/OFL.txt), cut to GB 2312 and converted to
TrueType outlines by tools/cjk_font.py. reportlab embeds the glyphs a document uses (a subset) with a
ToUnicode map, so the text still reads back. reportlab's own CID font STSong-Light, used before, is never
embedded: poppler showed no Chinese at all and Ghostscript dropped the digits.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "NotoSansSC"
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "NotoSansSC-GB2312.ttf"

logger = logging.getLogger(__name__)


@functools.cache
def pdf_font() -> str:
    """The registered name of the portal's PDF font (registered with reportlab on first use)."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_FILE))
    return FONT_NAME


def pdf_font_missing(text: str) -> list[str]:
    """The characters of `text` the font has no glyph for (printed as an empty box), in order, once each."""
    covered = pdfmetrics.getFont(pdf_font()).face.charToGlyph
    return list(dict.fromkeys(c for c in text if not c.isspace() and ord(c) not in covered))


def pdf_font_warn_missing(text: str, *, document: str) -> None:
    """Log the characters of a document's text that the embedded font cannot show (e.g. a rare name)."""
    missing = pdf_font_missing(text)
    if missing:
        logger.warning("%s: no glyph in %s for %s", document, FONT_FILE.name, " ".join(missing))
