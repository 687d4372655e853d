"""The map: where the women came from (places of arrest, the prisons and cities an arrival came
from) and where they were sent (camps, exile), as dots on an outline, every dot a link to the
people behind it. Drawn here as SVG from the gazetteer's coordinates over Natural Earth's
public-domain outline (alzhir/web/data/map_outline.json, built by tools/build_map_outline.py):
no tiles, no script, nothing fetched from elsewhere. Hand-written like alzhir.stats.svg: a
projection and circles, where a mapping library would bring tiles or a large dependency."""

import json
import math
from collections import defaultdict
from functools import cache
from html import escape
from pathlib import Path

from django.core.cache import cache as kept
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from alzhir.names.translit import detect_script, romanize
from alzhir.registry.models import Event, Person, Place
from alzhir.registry.queries import COUNTS_CACHE_SECONDS, version

OUTLINE = Path(__file__).with_name("data") / "map_outline.json"
CAME_FROM = {"arrest": "place", "camp_arrival": "origin", "camp_transfer": "origin"}
SENT_TO = {"camp_arrival": "place", "camp_transfer": "place", "exile": "place"}
PEOPLE_SHOWN = 200


@cache
def outline() -> dict:
    return json.loads(OUTLINE.read_text(encoding="utf-8"))


def _project(lon: float, lat: float) -> tuple[float, float] | None:
    shape = outline()
    window = shape["window"]
    if not (window["west"] <= lon <= window["east"] and window["south"] <= lat <= window["north"]):
        return None
    middle = math.radians((window["south"] + window["north"]) / 2)
    scale = shape["width"] / ((window["east"] - window["west"]) * math.cos(middle))
    return (lon - window["west"]) * math.cos(middle) * scale, (window["north"] - lat) * scale


def _located(places: dict[int, Place], place_id: int) -> Place | None:
    """The place itself if it has coordinates, else the nearest one it is part of (a prison
    stands at its city, a camp point at its camp)."""
    seen = set()
    while place_id and place_id not in seen:
        seen.add(place_id)
        place = places.get(place_id)
        if place is None:
            return None
        if place.latitude is not None and place.longitude is not None:
            return place
        place_id = place.part_of_id
    return None


def _tally() -> dict:
    """Distinct persons per located place, for each kind of dot."""
    places = Place.objects.in_bulk()
    counts = {"from": defaultdict(set), "to": defaultdict(set)}
    for kind, wanted in (("from", CAME_FROM), ("to", SENT_TO)):
        for event_type, column in wanted.items():
            rows = (
                Event.objects.public()
                .filter(type=event_type, **{f"{column}__isnull": False},
                        record__person__in=Person.objects.public().remembered())  # fmt: skip
                .values_list(f"{column}_id", "record__person_id")
                .distinct()
            )
            for place_id, person_id in rows:
                located = _located(places, place_id)
                if located is not None:
                    counts[kind][located.pk].add(person_id)
    return {
        kind: {pk: len(persons) for pk, persons in found.items()} for kind, found in counts.items()
    }


def dots() -> list[dict]:
    tally = kept.get_or_set(f"map-dots:{version()}", _tally, COUNTS_CACHE_SECONDS)
    wanted = {pk for found in tally.values() for pk in found}
    places = Place.objects.prefetch_related("names").in_bulk(wanted)
    found = []
    for kind in ("from", "to"):
        for pk, count in tally[kind].items():
            place = places.get(pk)
            point = _project(place.longitude, place.latitude) if place else None
            found.append({"kind": kind, "place": place, "count": count, "point": point})
    return sorted(found, key=lambda d: -d["count"])


def place_name(place: Place, latin: bool) -> str:
    """The place's name for the page: on /en/ its English name where the gazetteer has one."""
    if not latin or detect_script(place.name) != "Cyrl":
        return place.name
    english = [n.name for n in place.names.all() if n.lang.startswith("en")]
    return english[0] if english else romanize(place.name)


def map_svg(found: list[dict], latin: bool, title: str) -> str:
    shape = outline()
    width, height = shape["width"], shape["height"]
    land = "".join(
        f'<path class="land{" kz" if c["iso"] == "KAZ" else ""}" d="{c["d"]}"/>'
        for c in shape["countries"]
        if c["d"]
    )
    marks = []
    for dot in found:
        if dot["point"] is None:
            continue
        x, y = dot["point"]
        radius = 3 + 2.2 * math.sqrt(dot["count"])
        name = place_name(dot["place"], latin)
        template = _("%(place)s: %(n)s came from here") if dot["kind"] == "from" else None
        said = (template or _("%(place)s: %(n)s sent here")) % {"place": name, "n": dot["count"]}
        href = reverse("map") + f"?place={dot['place'].pk}"
        marks.append(
            f'<a href="{escape(href)}"><title>{escape(said)}</title>'
            f'<circle class="dot {dot["kind"]}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/></a>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {width} {height}" '
        f'role="group" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<rect class="sea" width="{width}" height="{height}"/>{land}{"".join(marks)}</svg>'
    )


def map_page(request):
    latin = (request.LANGUAGE_CODE or "").startswith("en")
    place_id = request.GET.get("place", "")
    if place_id:
        return _place_page(request, place_id, latin)
    found = dots()
    title = _("Where the women came from, and where they were sent")
    return render(
        request,
        "alzhir/map.html",
        {
            "svg": mark_safe(map_svg(found, latin, title)),  # built from escaped text
            "dots": [dict(d, name=place_name(d["place"], latin)) for d in found],
            "off_map": sum(1 for d in found if d["point"] is None),
            "attribution": outline()["attribution"],
        },
    )


def _place_page(request, place_id: str, latin: bool):
    """The people behind one dot: everyone with an event at the place or at a place in it."""
    if not place_id.isdigit():
        raise Http404("No such place")
    place = Place.objects.prefetch_related("names").filter(pk=int(place_id)).first()
    if place is None:
        raise Http404("No such place")
    inside = {place.pk} | set(Place.objects.filter(part_of=place).values_list("pk", flat=True))
    events = (
        Event.objects.public()
        .filter(Q(place_id__in=inside) | Q(origin_id__in=inside),
                record__person__in=Person.objects.public().remembered())  # fmt: skip
        .select_related("record__person")
        .order_by("record__person__sort_name", "record__person_id", "date_lower")
    )
    people = {}
    for event in events[: PEOPLE_SHOWN * 4]:
        people.setdefault(event.record.person_id, {"person": event.record.person, "events": []})
        people[event.record.person_id]["events"].append(event)
    counted = events.aggregate(n=Count("record__person", distinct=True))["n"]
    return render(
        request,
        "alzhir/map_place.html",
        {"place": place, "name": place_name(place, latin),
         "people": list(people.values())[:PEOPLE_SHOWN], "count": counted},  # fmt: skip
    )
