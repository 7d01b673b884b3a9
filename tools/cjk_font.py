"""Build workflow/fonts/NotoSansSC-GB2312.ttf, the font the portal's PDFs embed, from Noto Sans CJK SC.

    apt-get install fonts-noto-cjk     # the source: Noto Sans CJK (SIL Open Font License 1.1)
    .venv/bin/python tools/cjk_font.py [path/to/NotoSansCJK-Regular.ttc] [output.ttf]

Why a built file and not the source font: reportlab embeds TrueType fonts (glyf outlines) only, and Noto Sans
CJK is published with PostScript (CFF) outlines in a 19 MB collection of every CJK region. This keeps the
Simplified Chinese face, only the characters a document of the bureau needs, and converts its outlines to
TrueType quadratics (fontTools' cu2qu, within one unit of 1,000 per em: invisible at any print size):

- GB 2312 in full (6,763 hanzi of levels 1 and 2, and its 682 symbols: punctuation, full-width forms, ①…⑩,
  Ⅰ…Ⅻ, Greek, Cyrillic, kana), ASCII, Latin-1, general punctuation, CJK punctuation, full-width forms, ✓ ✗;
- about 2 MB, where GBK's 21,886 characters would be 6.8 MB in the repository.

A name with a character outside GB 2312 (e.g. 堃, 喆, 镕) has no glyph in it: workflow.pdf says so in the log,
and tests/workflow/test_pdf_font.py checks that every character of the Chinese catalogue and of the
reference data is covered (add a missing one to EXTRA below and build again). The output is the same for the
same source and fontTools version (the source's timestamps are kept).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
OUTPUT = Path(__file__).resolve().parent.parent / "workflow" / "fonts" / "NotoSansSC-GB2312.ttf"
FACE = "Noto Sans CJK SC"
RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
# Characters the portal uses beyond GB 2312 and the ranges above.
EXTRA = "✓✗"
# Outlines converted within this many font units (of 1,000 per em).
MAX_ERROR = 1.0


def gb2312() -> set[int]:
    """Every character of GB 2312: the double-byte codes that decode, rows 0xA1-0xF7, cells 0xA1-0xFE."""
    found = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([row, cell]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def codepoints() -> set[int]:
    wanted = gb2312() | {ord(c) for c in EXTRA}
    for first, last in RANGES:
        wanted.update(range(first, last + 1))
    return wanted


def face(source: Path) -> TTFont:
    """The Simplified Chinese face of the source (a collection of every region, or one font)."""
    if source.suffix.lower() != ".ttc":
        return TTFont(source, lazy=False)
    for font in TTCollection(source, lazy=False).fonts:
        if font["name"].getDebugName(4) == FACE:
            return font
    raise SystemExit(f"{source} holds no face named {FACE!r}")


def keep_only(font: TTFont, wanted: set[int]) -> None:
    options = subset.Options()
    options.layout_features = []  # no shaping: reportlab sets Chinese glyph by glyph
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = list(range(15))  # names, copyright, trademark, designers, licence and its address
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "GDEF", "GPOS", "GSUB"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType ones (glyf/loca), as fontTools' otf2ttf does."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    glyf.compile(font)
    metrics = font["hmtx"].metrics
    for name, glyph in glyf.glyphs.items():
        metrics[name] = (metrics[name][0], glyph.xMin if glyph.numberOfContours else 0)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    font["post"].formatType = 3.0  # no glyph names
    font.sfntVersion = "\x00\x01\x00\x00"


def build(source: Path = SOURCE, output: Path = OUTPUT) -> Path:
    font = face(source)
    keep_only(font, codepoints())
    to_truetype(font)
    font.recalcTimestamp = False
    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(output)
    return output


if __name__ == "__main__":
    arguments = [Path(a) for a in sys.argv[1:3]]
    written = build(*arguments)
    print(f"{written}: {written.stat().st_size:,} bytes")
