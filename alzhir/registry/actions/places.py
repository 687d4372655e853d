"""Places: rows created from the gazetteer on first use, and places known only from a source."""

from collections.abc import Iterable

from django.db import transaction

from alzhir import places as gazetteer
from alzhir.registry import bulk
from alzhir.registry.actions.base import audit, declare
from alzhir.registry.models import (
    Place,
    PlaceName,
)

declare("create_place", "registry.add_place", "not undone: a place no event names shows nowhere")


def ensure_places(keys: Iterable[str]) -> dict[str, Place]:
    """Place rows for gazetteer keys, created once each (with their parents) from the
    gazetteer's data. Creating takes the places table's lock and looks again: another import
    may be creating the same place, and waiting for it beats failing on its unique key."""
    wanted = {k for k in keys if k}
    found = {p.key: p for p in Place.objects.filter(key__in=wanted)}
    if wanted - found.keys():
        bulk.lock_tables(Place)
        found = {p.key: p for p in Place.objects.filter(key__in=wanted)}
        for key in sorted(wanted - found.keys()):
            found[key] = _place_from_gazetteer(key)
    return found


def _place_from_gazetteer(key: str) -> Place:
    existing = Place.objects.filter(key=key).first()
    if existing:
        return existing
    entry = gazetteer.place(key)
    place = Place.objects.create(
        key=key,
        name=entry.name,
        type=entry.type,
        part_of=_place_from_gazetteer(entry.part_of) if entry.part_of else None,
        latitude=entry.latitude,
        longitude=entry.longitude,
        wikidata=entry.wikidata or "",
    )
    PlaceName.objects.bulk_create(
        PlaceName(
            place=place,
            name=n.text,
            lang=n.lang,
            valid_from=str(n.start) if n.start else "",
            valid_to=str(n.end) if n.end else "",
        )
        for n in entry.names
    )
    return place


@transaction.atomic
def do_create_place(key, name, type, actor, names=(), part_of=None, **details) -> Place:
    """A place known from a source rather than the gazetteer (an orphanage, a camp point)."""
    place = Place.objects.create(key=key, name=name, type=type, part_of=part_of, **details)
    PlaceName.objects.bulk_create(PlaceName(place=place, **n) for n in names)
    audit(actor, "create_place", "place", key, new={"name": name, "type": type})
    return place
