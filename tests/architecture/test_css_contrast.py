"""Text colours in the stylesheets reach WCAG AA contrast (4.5:1): every rule that sets a text colour and a solid
background together, and the palette's text colours on the page and card backgrounds. The browser tests run
axe-core on the rendered pages; this catches a weak colour in a rule no browser test happens to show."""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"
SHEETS = sorted({*STATIC.glob("css/*.css"), *STATIC.glob("*/*.css")})
SHEETS = [sheet for sheet in SHEETS if "vendor" not in sheet.parts]
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
AA = 4.5
# The palette's colours meant for text, and the backgrounds they are written on.
TEXT_TOKENS = ("--text", "--muted", "--brand", "--brand-dark", "--ok", "--warn", "--danger")
PAGE_BACKGROUNDS = ("--bg", "--card", "#fff")


def _variables() -> dict[str, str]:
    root = (STATIC / "css" / "portal.css").read_text(encoding="utf-8")
    block = re.search(r":root\s*\{([^}]*)\}", root).group(1)
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})", block))


VARIABLES = _variables()


def _solid(value: str) -> str | None:
    """The colour as #rrggbb, or None when it is not one solid colour (rgba, gradients, inherit...)."""
    value = value.strip().removesuffix("!important").strip()
    if match := re.fullmatch(r"var\((--[\w-]+)\)", value):
        value = VARIABLES.get(match.group(1), "")
    if not re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value):
        return None
    digits = value[1:]
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits).lower()


def _luminance(colour: str) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _pairs():
    for sheet in SHEETS:
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for selector, body in RULE.findall(css):
            declarations = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+)", body))
            colour = _solid(declarations.get("color", ""))
            background = _solid(declarations.get("background-color", declarations.get("background", "")))
            if colour and background:
                yield f"{sheet.relative_to(STATIC)} {' '.join(selector.split())}", colour, background


def test_the_contrast_formula_gives_the_known_figures():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#2f7d32", "#e2f3e4") == pytest.approx(4.43, abs=0.01)  # the old green badge, too weak


def test_every_rule_with_a_text_colour_and_a_solid_background_reads_at_4_5_to_1():
    weak = [f"{where}: {colour} on {background} = {contrast(colour, background):.2f}"
            for where, colour, background in _pairs() if contrast(colour, background) < AA]
    assert len(list(_pairs())) > 20  # the check sees the badges, alerts, buttons...
    assert not weak, "\n".join(weak)


@pytest.mark.parametrize("token", TEXT_TOKENS)
def test_each_text_colour_of_the_palette_reads_on_the_page_and_card_backgrounds(token):
    for background in PAGE_BACKGROUNDS:
        ratio = contrast(_solid(f"var({token})"), _solid(background if background.startswith("#")
                                                          else f"var({background})"))
        assert ratio >= AA, f"{token} on {background}: {ratio:.2f}"
