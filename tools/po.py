"""Translation helper for the Chinese catalogue.

Translations live in locale/zh_Hans/fragments/*.json ({"English msgid": "中文译文"}), one
file per area, so that people working on different apps never edit the same file.
`make messages` extracts every string (GNU gettext), then fills the catalogue from
all fragments (`fill`) and compiles it.

    python tools/po.py missing          # msgids still without a translation, as a JSON skeleton
    python tools/po.py fill             # fill the catalogue from every fragment
    python tools/po.py fill extra.json  # ... and from one more file
"""

import json
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans"
CATALOGUE = LOCALE / "LC_MESSAGES" / "django.po"
FRAGMENTS = LOCALE / "fragments"


def load() -> polib.POFile:
    po = polib.pofile(str(CATALOGUE), wrapwidth=0)
    po.metadata.update({"Language": "zh_Hans", "Content-Type": "text/plain; charset=UTF-8",
                        "Project-Id-Version": "dongying-hrss-portal"})
    po.header = "Simplified Chinese catalogue of the Dongying HRSS portal."
    return po


def missing(po: polib.POFile) -> dict:
    return {e.msgid: "" for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)}


def fill(po: polib.POFile, mapping: dict) -> int:
    count = 0
    for entry in po:
        if mapping.get(entry.msgid):
            value = mapping[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value if isinstance(value, str) else value[0]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            count += 1
    return count


def main(argv: list[str]) -> int:
    po = load()
    if argv[:1] == ["missing"]:
        print(json.dumps(missing(po), ensure_ascii=False, indent=1))
        return 0
    if argv[:1] == ["fill"] and len(argv) <= 2:
        mapping = {}
        for path in [*sorted(FRAGMENTS.glob("*.json")), *(Path(a) for a in argv[1:])]:
            mapping.update(json.loads(path.read_text(encoding="utf-8")))
        filled = fill(po, mapping)
        po.save(str(CATALOGUE))
        left = len(missing(po))
        print(f"filled {filled}; still missing {left}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
