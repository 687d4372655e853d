"""Relatives named on records whom the registry holds no record of: kept in step by the family
linker, which removes one as soon as her person is found."""

from django.db import transaction

from alzhir.registry.actions.base import audit, declare, reversible
from alzhir.registry.models import NamedRelative

REVIEW_FAMILY = "registry.review_relationship"
FIELDS = ("record_id", "kin", "name", "year", "phrase")

declare(
    "set_named_relatives",
    REVIEW_FAMILY,
    "the named relatives it added go and the ones it removed come back",
)


def _key(values: dict) -> tuple:
    return (values["record_id"], values["kin"], values["name"], values["year"])


@transaction.atomic
def do_set_named_relatives(wanted: list[dict], actor: str, record_ids=None) -> tuple[int, int]:
    """Make the named relatives of the given records (all records when None) exactly `wanted`
    (dicts of record_id, kin, name, year, phrase); returns (added, removed). One audit row, and
    none when nothing changes."""
    existing = NamedRelative.objects.all()
    if record_ids is not None:
        existing = existing.filter(record_id__in=record_ids)
    rows = {_key(row): row for row in existing.values("pk", *FIELDS)}
    wanted_by_key = {_key(values): values for values in wanted}
    removed = [rows[key] for key in rows.keys() - wanted_by_key.keys()]
    added = NamedRelative.objects.bulk_create(
        NamedRelative(**{f: wanted_by_key[key][f] for f in FIELDS})
        for key in wanted_by_key.keys() - rows.keys()
    )
    NamedRelative.objects.filter(pk__in=[row["pk"] for row in removed]).delete()
    if added or removed:
        audit(
            actor,
            "set_named_relatives",
            "named_relative",
            (added or removed)[0].pk if added else removed[0]["pk"],
            old={"removed": [{f: row[f] for f in FIELDS} for row in removed]},
            new={"added": [row.pk for row in added]},
        )
    return len(added), len(removed)


@reversible("set_named_relatives")
def _reverse_named_relatives(entry, undo):
    NamedRelative.objects.filter(pk__in=entry.new["added"]).delete()
    NamedRelative.objects.bulk_create(NamedRelative(**row) for row in entry.old["removed"])
