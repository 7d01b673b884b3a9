"""Compile the .po catalogues to .mo in pure Python (polib), so no GNU gettext is needed to run the portal."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    base = Path(settings.BASE_DIR)
    for cfg in apps.get_app_configs():
        path = Path(cfg.path)
        # Only the project's own apps: installed packages ship their compiled catalogues.
        if path.parent == base:
            roots.append(path / "locale")
    return sorted({po for root in roots if root.is_dir() for po in root.glob("*/LC_MESSAGES/*.po")})


class Command(BaseCommand):
    help = "Compile every .po catalogue of the project to .mo (only those that changed)."

    def handle(self, *args, **options):
        for po_path in catalogues():
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
