"""The Chinese catalogue holds every string the code and the templates ask to translate, whatever wraps it.

Three independent readings of the sources, so that no way of marking a string slips through:
- GNU xgettext through Django's makemessages, into a copy of the project (the real catalogue is not touched);
- a Python AST scan of every module of the apps for calls to any function of django.utils.translation, under
  any alias (`gettext as gettext_now`, `_ = gettext_lazy`, `translation.gettext`), which xgettext misses;
- a scan of every template through Django's own template parser ({% translate %}, {% trans %},
  {% blocktranslate %}/{% blocktrans %} with their bodies as the runtime builds them, and `_("...")`).
Each msgid found must have a non-empty, non-fuzzy Chinese translation that keeps its placeholders and is not the
English left as it was.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import CI
from tests.support.text import PROPER_TERMS

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
TEMPLATES = ROOT / "templates"

# Which arguments of each function of django.utils.translation are (context, msgid, plural).
SINGULAR = {"gettext", "gettext_lazy", "gettext_noop", "ugettext", "ugettext_lazy", "ugettext_noop"}
PLURAL = {"ngettext", "ngettext_lazy", "ungettext", "ungettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}
FUNCTIONS = SINGULAR | PLURAL | CONTEXT | CONTEXT_PLURAL

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
MARKUP = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>|&\w+;|https?://\S+")


class Msg(tuple):
    """(context, msgid, plural, where): context and plural are None when there is none."""

    def __new__(cls, context, msgid, plural, where):
        return super().__new__(cls, (context, msgid, plural, where))


# --- the Python scan ---------------------------------------------------------------------------------------

def _project_apps() -> list[Path]:
    """The project's own apps (whatever is installed next to manage.py), not the installed packages."""
    from django.apps import apps

    return sorted({Path(c.path) for c in apps.get_app_configs() if Path(c.path).parent == ROOT})


def _python_files():
    for app in _project_apps():
        yield from sorted(app.rglob("*.py"))


def _translation_names(tree: ast.AST) -> tuple[dict[str, str], set[str]]:
    """Local names bound to a translation function (name -> function), and names bound to the module."""
    functions, modules = {}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in FUNCTIONS:
                    functions[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module == "django.utils":
            modules |= {a.asname or a.name for a in node.names if a.name == "translation"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname for a in node.names if a.name == "django.utils.translation" and a.asname}
    for node in ast.walk(tree):  # `_ = gettext_lazy`, `tr = translation.gettext`
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target = _function_of(node.value, functions, modules)
            if target:
                functions[node.targets[0].id] = target
    return functions, modules


def _function_of(func: ast.AST, functions: dict[str, str], modules: set[str]) -> str | None:
    if isinstance(func, ast.Name):
        return functions.get(func.id)
    if (isinstance(func, ast.Attribute) and func.attr in FUNCTIONS and isinstance(func.value, ast.Name)
            and func.value.id in modules):
        return func.attr
    return None


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _message(function: str, call: ast.Call, where: str) -> Msg | None:
    args = [*call.args, *(k.value for k in call.keywords if k.arg in ("message", "singular", "plural",
                                                                        "context"))]
    if function in SINGULAR:
        context, msgid, plural = None, args[:1], None
    elif function in PLURAL:
        context, msgid, plural = None, args[:1], _literal(args[1]) if len(args) > 1 else None
    elif function in CONTEXT:
        context, msgid, plural = _literal(args[0]), args[1:2], None
    else:
        context, msgid, plural = _literal(args[0]), args[1:2], _literal(args[2]) if len(args) > 2 else None
    text = _literal(msgid[0]) if msgid else None
    return Msg(context, text, plural, where) if text else None


def python_messages() -> list[Msg]:
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        functions, modules = _translation_names(tree)
        if not functions and not modules:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                function = _function_of(node.func, functions, modules)
                message = _message(function, node, f"{path.relative_to(ROOT)}:{node.lineno}") if function else None
                if message:
                    found.append(message)
    return found


# --- the template scan -------------------------------------------------------------------------------------

TAG = re.compile(r"{%\s*(translate|trans|blocktranslate|blocktrans)\s")
UNDERSCORE = re.compile(r"""\b_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")


def _nodes(nodelist, seen=None):
    """Every node of a parsed template once, whatever tag holds it (if, for, block, with, cache...)."""
    seen = set() if seen is None else seen
    for node in nodelist:
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        for name in getattr(node, "child_nodelists", ()):
            yield from _nodes(getattr(node, name, None) or (), seen)
        for _condition, inner in getattr(node, "conditions_nodelists", ()):
            yield from _nodes(inner, seen)


def _constant(expression) -> str | None:
    if expression is None:
        return None
    from django.template import Context

    return expression.resolve(Context())


def template_messages() -> list[Msg]:
    from django.template import engines
    from django.templatetags.i18n import BlockTranslateNode, TranslateNode

    engine = engines["django"].engine
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        tags = 0
        for node in _nodes(engine.from_string(source).nodelist):
            if isinstance(node, TranslateNode):
                tags += 1
                var = node.filter_expression.var
                if getattr(var, "literal", None) is not None:  # not `{% translate some_variable %}`
                    found.append(Msg(_constant(node.message_context), var.literal.replace("%", "%%"), None, where))
            elif isinstance(node, BlockTranslateNode):
                tags += 1
                plural = node.render_token_list(node.plural)[0] if node.plural else None
                found.append(Msg(_constant(node.message_context), node.render_token_list(node.singular)[0],
                                 plural, where))
        # The parser walk must see every tag the source holds: a tag it cannot reach would go unchecked.
        assert tags == len(TAG.findall(source)), f"{where}: {tags} translation tags parsed, " \
                                                 f"{len(TAG.findall(source))} in the source"
        for match in UNDERSCORE.finditer(source):
            found.append(Msg(None, match.group(1) if match.group(1) is not None else match.group(2), None, where))
    return found


# --- the catalogue -----------------------------------------------------------------------------------------

def _catalogue() -> dict[tuple[str | None, str], polib.POEntry]:
    po = polib.pofile(str(CATALOGUE))
    return {(entry.msgctxt, entry.msgid): entry for entry in po if not entry.obsolete}


def _translation(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def _problem(message: Msg, catalogue) -> str | None:
    context, msgid, plural, _where = message
    entry = catalogue.get((context, msgid))
    if entry is None:
        return "not in the catalogue"
    if "fuzzy" in entry.flags or not _translation(entry):
        return "without a Chinese translation"
    if plural and entry.msgid_plural != plural:
        return f"in the catalogue with another plural ({entry.msgid_plural!r})"
    return None


def _untranslated(messages: list[Msg]) -> list[str]:
    catalogue = _catalogue()
    problems = {}
    for message in messages:
        problem = _problem(message, catalogue)
        if problem:
            problems.setdefault((message[0], message[1]), f"{message[3]}: {message[1]!r} {problem}")
    return sorted(problems.values())


HINT = ("give it a Chinese translation in locale/zh_Hans/fragments/*.json and run `make messages` (and mark strings "
        "with the standard names gettext, gettext_lazy, ngettext, pgettext, which makemessages extracts)")


def test_the_python_scan_finds_strings_under_any_alias():
    """The scan itself: `gettext as anything`, an assigned alias and the module's attribute are all read."""
    tree = ast.parse("from django.utils.translation import gettext as now, pgettext_lazy\n"
                     "from django.utils import translation\nlater = now\n"
                     "now('a'); later('b'); translation.ngettext('c', 'cs', 2); pgettext_lazy('ctx', 'd')\n"
                     "now(variable)\n")
    functions, modules = _translation_names(tree)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    found = [m[:3] for n in calls if (f := _function_of(n.func, functions, modules)) and (m := _message(f, n, ""))]
    assert sorted(found, key=str) == sorted([(None, "a", None), (None, "b", None), (None, "c", "cs"),
                                             ("ctx", "d", None)], key=str)


def test_every_string_of_the_python_code_is_translated():
    assert {p.name for p in _project_apps()} >= {"accounts", "workflow", "insurance", "employment", "counter",
                                                  "portal"}
    messages = python_messages()
    assert len(messages) > 500
    missing = _untranslated(messages)
    assert not missing, f"{len(missing)} strings of the code without Chinese ({HINT}):\n" + "\n".join(missing)


def test_every_string_of_the_templates_is_translated():
    messages = template_messages()
    assert len(messages) > 500
    missing = _untranslated(messages)
    assert not missing, f"{len(missing)} strings of the templates without Chinese ({HINT}):\n" + "\n".join(missing)


def test_every_string_xgettext_extracts_is_translated(tmp_path):
    """GNU xgettext through makemessages, run on a copy of the sources so the real catalogue stays as it is."""
    if shutil.which("xgettext") is None and not CI:
        pytest.skip("needs GNU gettext (apt-get install gettext)")
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", "var", ".git", "tests", "benchmarks", "node_modules", "*.mo", "__pycache__", ".hypothesis"))
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "--no-location"],
        cwd=copy, capture_output=True, text=True, timeout=300, env={"PORTAL_TESTING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.obsolete and (not _translation(e) or "fuzzy" in e.flags)]
    assert not missing, f"strings without a Chinese translation ({HINT}): {missing}"


def test_no_translation_is_the_english_left_as_it_was():
    """A translation in Latin letters is English shown on a Chinese page, except for proper terms."""
    suspicious = []
    for entry in _catalogue().values():
        text = _translation(entry)
        words = set(LATIN_WORD.findall(MARKUP.sub(" ", text))) - PROPER_TERMS
        if text and (words or (text == entry.msgid and LATIN_WORD.search(MARKUP.sub(" ", text)))):
            suspicious.append(f"{entry.msgid!r} -> {text!r}")
    assert not suspicious, "translations still in English:\n" + "\n".join(suspicious)


def test_every_translation_keeps_the_placeholders_of_its_source():
    """A placeholder lost or misspelt in a translation is a missing figure, or a KeyError when the page renders."""
    wrong = []
    for entry in _catalogue().values():
        source = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        if set(PLACEHOLDER.findall(_translation(entry))) != source:
            wrong.append(f"{entry.msgid!r} -> {_translation(entry)!r}")
    assert not wrong, "translations whose placeholders differ from the source:\n" + "\n".join(wrong)
