"""Command-line entry points for open data (see docs/open-data.md): `backup` and `restore`,
and what `alzhir import|export archive|gedcom` call. Each function prints what it did (or why
it refused) and returns the process exit status."""

import sys


def export_archive(out, include_private: bool = False) -> int:
    from alzhir.opendata.archive import export_archive as write

    counts = write(out, include_private=include_private)
    print(f"archive written to {out}: " + ", ".join(f"{n} {k}" for k, n in counts.items()),
          file=sys.stderr)  # fmt: skip
    return 0


def import_archive(path) -> int:
    from alzhir.opendata.restore import ArchiveRefused
    from alzhir.opendata.restore import import_archive as read

    try:
        counts = read(path)
    except ArchiveRefused as refused:
        for line in refused.lines():
            print(line, file=sys.stderr)
        print(refused, file=sys.stderr)
        return 1
    print(f"archive {path} restored: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def export_gedcom(out) -> int:
    from alzhir.opendata.gedcom import export_gedcom as write

    counts = write(out)
    print(
        f"GEDCOM 7 written to {out}: {counts['individuals']} individuals, "
        f"{counts['families']} families, {counts['sources']} sources",
        file=sys.stderr,
    )
    return 0


def import_gedcom(path, source_name: str | None = None) -> int:
    from alzhir.opendata.gedcom_import import GedcomRefused
    from alzhir.opendata.gedcom_import import import_gedcom as read

    try:
        counts = read(path, source_name)
    except GedcomRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    print(
        f"{path}: imported {counts['individuals']} individuals as records and "
        f"{counts['relationships']} family links as proposals"
    )
    return 0


def cmd_backup(args) -> int:
    from alzhir.opendata.backup import BackupError, backup

    try:
        print(backup(args.out))
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_restore(args) -> int:
    from alzhir.opendata.backup import BackupError, restore

    try:
        print(restore(args.file, replace=args.replace))
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def add_subcommands(subparsers) -> None:
    """Add `backup` and `restore` to the `alzhir` command's subparsers."""
    p = subparsers.add_parser("backup", help="consistent copy of the live database")
    p.add_argument("--out", required=True, help="backup file to write")
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser(
        "restore",
        help="restore a backup into an empty registry (or --replace a registry)",
        description="Checks that FILE is a backup of this application in a schema this "
        "version knows before touching anything. A registry that holds records is refused "
        "unless --replace is given; it is then kept as a timestamped backup first.",
    )
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help="replace a registry that holds data")
    p.set_defaults(func=cmd_restore, needs_migrated=False)
