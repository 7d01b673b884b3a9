"""Restore the latest backup into a scratch database and compare it with its source (`make restore-drill`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups.drill import restore_drill
from portal.backups.engines import BackupError
from portal.backups.services import backup_latest, backup_list


class Command(BaseCommand):
    help = ("Restore the latest backup (or --backup) into a scratch database, check migrations, row counts and "
            "key-table checksums against the source; exit status 1 when anything differs.")

    def add_arguments(self, parser):
        parser.add_argument("--backup", help="a backup folder (default: the newest in BACKUP_DIR)")
        parser.add_argument("--scratch-name", help="name of the scratch database (default <database>_drill_<time>)")
        parser.add_argument("--against-live", action="store_true",
                            help="compare with the live database instead of the manifest (nothing may write meanwhile)")
        parser.add_argument("--all-rows", action="store_true", help="list every table, not only the differences")

    def handle(self, *args, **options):
        try:
            backup = self._backup(options["backup"])
            result = restore_drill(backup=backup, scratch=options["scratch_name"],
                                   against_live=options["against_live"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        source = "live database" if options["against_live"] else "source (manifest)"
        self.stdout.write(f"Restore drill of {backup.path} into scratch database {result.scratch} (dropped)")
        width = max(len(check.name) for check in result.checks)
        self.stdout.write(f"  {'check':<{width}}  {source:<34}  {'restored':<34}  result")
        for check in result.checks:
            if check.ok and check.name.startswith("rows ") and not options["all_rows"]:
                continue
            mark = "ok" if check.ok else "DIFFERS"
            self.stdout.write(f"  {check.name:<{width}}  {check.source:<34}  {check.restored:<34}  {mark}")
        tables = [c for c in result.checks if c.name.startswith("rows ")]
        self.stdout.write(f"  rows of {len(tables)} tables: "
                          f"{sum(c.ok for c in tables)} match, {sum(not c.ok for c in tables)} differ")
        if not result.ok:
            raise CommandError(f"Restore drill FAILED: {len(result.differences)} differences")
        self.stdout.write(self.style.SUCCESS("Restore drill PASSED: the backup restores to what its source held"))

    @staticmethod
    def _backup(folder: str | None):
        if not folder:
            return backup_latest()
        path = Path(folder).resolve()
        for backup in backup_list(path.parent):
            if backup.path.resolve() == path:
                return backup
        raise BackupError(f"{folder} is not a complete backup (no manifest.json)")
