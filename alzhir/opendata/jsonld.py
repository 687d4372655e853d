"""schema.org Person JSON-LD for a person's public page and /api/persons/<id>.

Only public facts: private records, names, events and relatives are left out, as on the page.
Dates are given only where EDTF and ISO 8601 agree (a plain year, month or day).
"""

import re

from alzhir.registry import queries
from alzhir.registry.models import EventType

ISO_DATE = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")
GENDERS = {"F": "https://schema.org/Female", "M": "https://schema.org/Male"}
WIKIDATA = "https://www.wikidata.org/wiki/"
ROLES = {"mother": "parent", "father": "parent", "child": "children", "spouse": "spouse",
         "sibling": "sibling"}  # fmt: skip


def person_url(person_id: int, base_url: str = "") -> str:
    return f"{base_url}/persons/{person_id}/"


def person_jsonld(person, base_url: str = "", page: dict | None = None) -> dict:
    """`page`: the person's queries.person_page, when the caller has already built it."""
    page = page or queries.person_page(person)
    names = [n for group in page["names_by_script"].values() for n in group]
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": person_url(person.pk, base_url),
        "identifier": str(person.pk),
        "name": person.display_name,
    }
    alternates = sorted({n.full_text for n in names} - {person.display_name})
    if alternates:
        data["alternateName"] = alternates
    first = next((n for n in names if n.surname or n.given_name), None)
    if first:
        data |= {
            k: v
            for k, v in (
                ("familyName", first.surname),
                ("givenName", first.given_name),
                ("additionalName", first.patronymic),
            )
            if v
        }
    if person.sex in GENDERS:
        data["gender"] = GENDERS[person.sex]
    for kind, date_key, place_key in (
        (EventType.BIRTH, "birthDate", "birthPlace"),
        (EventType.DEATH, "deathDate", "deathPlace"),
    ):
        event = next((e for e in page["events"] if e.type == kind), None)
        if event is None and kind == EventType.DEATH:
            event = next((e for e in page["events"] if e.type == EventType.EXECUTION), None)
        if event is None:
            continue
        if ISO_DATE.fullmatch(event.date_edtf):
            data[date_key] = event.date_edtf
        place = _place(event)
        if place:
            data[place_key] = place
    for relative in page["relatives"]:
        if relative["link"].status != "confirmed":
            continue
        other = relative["person"]
        data.setdefault(ROLES[relative["role"]], []).append(
            {"@type": "Person", "@id": person_url(other.pk, base_url), "name": other.display_name}
        )
    same_as = sorted({WIKIDATA + q for r in page["records"] if (q := _wikidata(r))})
    if same_as:
        data["sameAs"] = same_as
    return data


def _place(event) -> dict | None:
    place = event.place
    name = place.name if place else event.place_text
    if not name:
        return None
    result = {"@type": "Place", "name": name}
    if place and place.wikidata:
        result["sameAs"] = WIKIDATA + place.wikidata
    if place and place.latitude is not None and place.longitude is not None:
        result["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    return result


def _wikidata(record) -> str:
    """A Wikidata QID the source gave for the person (column `wikidata` or field `wikidata`)."""
    for values in (record.fields, record.original):
        value = values.get("wikidata") if isinstance(values, dict) else None
        if isinstance(value, str) and re.fullmatch(r"Q\d+", value.strip()):
            return value.strip()
    return ""
