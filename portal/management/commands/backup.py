"""Take a backup (database and uploaded material) into BACKUP_DIR, then apply the retention rule (`make backup`)."""

from django.core.management.base import BaseCommand, CommandError

from portal.backups.engines import BackupError
from portal.backups.services import backup_create, backup_prune


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or a copy of the SQLite file) and MEDIA_ROOT into BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--no-prune", action="store_true", help="keep every older backup this time")

    def handle(self, *args, **options):
        try:
            backup = backup_create()
            removed = [] if options["no_prune"] else backup_prune()
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backup.manifest
        self.stdout.write(f"Backup {backup.path}")
        self.stdout.write(f"  database  {manifest['database']['file']}: {manifest['database']['bytes']} bytes, "
                          f"{len(manifest['tables'])} tables, {sum(manifest['tables'].values())} rows")
        self.stdout.write(f"  media     {manifest['media']['file']}: {manifest['media']['files']} files")
        for table, checksum in manifest["checksums"].items():
            self.stdout.write(f"  checksum  {table:<40} {manifest['tables'].get(table, 0):>10} rows  {checksum}")
        for path in removed:
            self.stdout.write(f"  removed by the retention rule: {path.name}")
