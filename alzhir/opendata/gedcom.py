"""The public registry as GEDCOM 7 (docs/open-data.md), written with the `gedcom7` library.

One INDI per public person with every public name (names in another script than the
person's first name are TRANs with a BCP 47 LANG), every public event (camp events as EVEN
with a TYPE), a SOUR citation on each fact; families only from confirmed relationships.
"""

from collections import defaultdict
from pathlib import Path

import gedcom7
from django.db.models import Prefetch
from django.utils import translation
from gedcom7.types import GedcomStructure as G

from alzhir.opendata.gedcom_dates import edtf_to_gedcom
from alzhir.progress import bar
from alzhir.registry.models import (
    Citation,
    Event,
    EventType,
    Name,
    Person,
    ProposalStatus,
    Record,
    Relationship,
    Source,
)

CHUNK = 2000
NAME_TYPES = {"birth": "BIRTH", "married": "MARRIED", "alias": "AKA"}
TAGGED_EVENTS = {EventType.BIRTH: "BIRT", EventType.DEATH: "DEAT", EventType.EXECUTION: "DEAT"}
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


def export_gedcom(out, progress: bool | None = None) -> dict[str, int]:
    """Write FILE.ged; return how many individuals, families and sources it holds. Type labels
    are written in English whatever the site's language: a file format must not vary.
    `progress`: a bar of the persons written (None: only on a terminal)."""
    with translation.override("en"):
        return _export_gedcom(out, progress)


def _export_gedcom(out, progress: bool | None) -> dict[str, int]:
    families, memberships = _families()
    sources = {s.pk: s for s in Source.objects.order_by("pk")}
    persons = Person.objects.public().order_by("pk")
    count, total = 0, persons.count()
    written = bar(desc="GEDCOM", unit="persons", total=total, shown=progress)
    with Path(out).open("wb") as stream, written:
        stream.write(gedcom7.dumps([_header()]).encode("utf-8"))
        for start in range(0, total, CHUNK):
            chunk = list(persons[start : start + CHUNK])
            records = _records_of(chunk)
            individuals = [_individual(p, records[p.pk], memberships[p.pk]) for p in chunk]
            stream.write(_lines(individuals))
            count += len(individuals)
            written.update(len(individuals))
        stream.write(_lines(_family(xref, roles) for xref, roles in families.items()))
        stream.write(_lines(_source(s) for s in sources.values()))
        stream.write(b"0 TRLR\n")
    return {"individuals": count, "families": len(families), "sources": len(sources)}


def _lines(records) -> bytes:
    return gedcom7.dumps(list(records), byte_order_mark=False).encode("utf-8")


def _header() -> G:
    return G("HEAD", children=[
        G("GEDC", children=[G("VERS", text="7.0")]),
        G("SOUR", text="ALZHIR-REGISTRY", children=[G("NAME", text="ALZHIR Registry")]),
    ])  # fmt: skip


def _records_of(persons) -> dict[int, list]:
    records = (
        Record.objects.public()
        .filter(person__in=persons)
        .select_related("source")
        .prefetch_related(
            Prefetch("names", queryset=Name.objects.public()),
            Prefetch("events", queryset=Event.objects.public().select_related("place")),
        )
        .order_by("pk")
    )
    by_person = defaultdict(list)
    for record in records:
        by_person[record.person_id].append(record)
    cited = defaultdict(list)
    facts = [(r, "record") for rs in by_person.values() for r in rs]
    facts += [(n, "name") for r, _ in facts for n in r.names.all()]
    facts += [(e, "event") for r, kind in facts if kind == "record" for e in r.events.all()]
    wanted = defaultdict(set)
    for fact, kind in facts:
        wanted[kind].add(fact.pk)
    for kind, ids in wanted.items():
        for c in Citation.objects.public().filter(content_type__model=kind, object_id__in=ids):
            cited[(kind, c.object_id)].append(c)
    for fact, kind in facts:
        fact.gedcom_citations = cited[(kind, fact.pk)]
    return by_person


def _citations(fact, source_id: int, fallback_page: str) -> list[G]:
    citations = [(c.source_id, c.locator) for c in fact.gedcom_citations]
    return [
        G("SOUR", pointer=f"@S{source}@", children=[G("PAGE", text=page)] if page else [])
        for source, page in (citations or [(source_id, fallback_page)])
    ]


def _individual(person, records, memberships) -> G:
    children = _names(records) + [G("SEX", text=person.sex)]
    for record in records:
        for event in record.events.all():
            children.append(_event(event, record))
    children += [G(tag, pointer=xref) for tag, xref in memberships]
    children += [
        G("SOUR", pointer=f"@S{r.source_id}@", children=[G("PAGE", text=f"record {r.record_id}")])
        for r in records
    ]
    return G("INDI", xref=f"@I{person.pk}@", children=children)


def _script(name) -> str:
    if "-" in name.lang:
        return name.lang.rsplit("-", 1)[-1]
    return "Cyrl" if any("\u0400" <= ch <= "\u04ff" for ch in name.full_text) else "Latn"


def _personal_name(name) -> str:
    def clean(text):
        return " ".join(text.replace("/", "\u2215").split())

    given = clean(" ".join(p for p in (name.given_name, name.patronymic) if p))
    if name.surname:
        return f"{given} /{clean(name.surname)}/".strip()
    return clean(name.full_text)


def _name_parts(name) -> list[G]:
    given = " ".join(p for p in (name.given_name, name.patronymic) if p)
    parts = [G("GIVN", text=given)] if given else []
    return parts + ([G("SURN", text=name.surname)] if name.surname else [])


def _names(records) -> list[G]:
    seen = set()
    names = []
    for record in records:
        for name in record.names.all():
            key = (name.full_text, name.lang, name.type)
            if key not in seen:
                seen.add(key)
                names.append((name, record))
    if not names:
        return []
    home = _script(names[0][0])
    structures = []
    translations = []
    for name, record in names:
        if _script(name) != home:
            translations.append(
                G(
                    "TRAN",
                    text=_personal_name(name),
                    children=[*_name_parts(name), G("LANG", text=name.lang or "und")],
                )
            )
            continue
        kind = NAME_TYPES.get(name.type)
        name_type = (
            G("TYPE", text=kind)
            if kind
            else G("TYPE", text="OTHER", children=[G("PHRASE", text=name.get_type_display())])
        )
        structures.append(G("NAME", text=_personal_name(name), children=[
            name_type, *_name_parts(name),
            *_citations(name, record.source_id, f"record {record.record_id}"),
        ]))  # fmt: skip
    if not structures:
        first = translations.pop(0)
        structures.append(
            G("NAME", text=first.text, children=[c for c in first.children if c.tag != "LANG"])
        )
    structures[0].children[1:1] = translations
    for structure in structures:
        for child in structure.children:
            child.parent = structure
    return structures


def _date(edtf: str, text: str) -> list[G]:
    value, exact = edtf_to_gedcom(edtf)
    phrase = text or ("" if exact else edtf)
    if not value and not phrase:
        return []
    return [G("DATE", text=value, children=[G("PHRASE", text=phrase)] if phrase else [])]


def _place(event) -> list[G]:
    place = event.place
    name = (place.name if place else event.place_text).replace("\n", " ")
    if not name:
        return []
    details = []
    if place and place.latitude is not None and place.longitude is not None:
        lat, lon = place.latitude, place.longitude
        details.append(G("MAP", children=[
            G("LATI", text=f"{'N' if lat >= 0 else 'S'}{abs(lat):g}"),
            G("LONG", text=f"{'E' if lon >= 0 else 'W'}{abs(lon):g}"),
        ]))  # fmt: skip
    if place and place.wikidata:
        details.append(G("EXID", text=place.wikidata, children=[G("TYPE", text=WIKIDATA_ENTITY)]))
    return [G("PLAC", text=name, children=details)]


def _event(event, record) -> G:
    tag = TAGGED_EVENTS.get(event.type, "EVEN")
    details = []
    if tag == "EVEN":
        details.append(G("TYPE", text=event.get_type_display()))
    elif event.type == EventType.EXECUTION:
        details.append(G("CAUS", text="execution"))
    details += _date(event.date_edtf, event.date_text)
    details += _place(event)
    if event.institution:
        details.append(G("AGNC", text=event.institution))
    cause = "; ".join(p for p in (event.charge, event.legal_article) if p)
    if cause and tag == "EVEN":
        details.append(G("CAUS", text=cause))
    note = "\n".join(p for p in (f"term: {event.term}" if event.term else "", event.text) if p)
    if note:
        details.append(G("NOTE", text=note))
    details += _citations(event, record.source_id, f"record {record.record_id}")
    # A BIRT or DEAT with nothing known but that it happened says so with Y.
    return G(tag, text="Y" if tag != "EVEN" and not details else "", children=details)


def _families():
    """{FAM xref: [(role, person id)]} and {person id: [(FAMS|FAMC, FAM xref)]}: the confirmed
    public links (both persons public, alzhir.registry.visibility)."""
    public = dict(Person.objects.public().values_list("pk", "sex"))
    couples, parents, siblings = [], defaultdict(set), []
    links = Relationship.objects.public().filter(status=ProposalStatus.CONFIRMED)
    for type_, a, b in links.order_by("pk").values_list("type", "a_id", "b_id"):
        if type_ == "spouse":
            couples.append(frozenset((a, b)))
        elif type_ in ("mother", "father"):
            parents[b].add(a)
        else:
            siblings.append((a, b))
    families = {couple: [] for couple in couples}
    child_of = {}
    for child, known in parents.items():
        key = frozenset(sorted(known)[:2])
        families.setdefault(key, []).append(child)
        child_of[child] = key
    for a, b in siblings:
        key = child_of.get(a) or child_of.get(b) or ("siblings", a, b)
        for person in (a, b):
            if person not in child_of:
                families.setdefault(key, []).append(person)
                child_of[person] = key
    result, memberships = {}, defaultdict(list)
    for number, (key, children) in enumerate(families.items(), start=1):
        xref = f"@F{number}@"
        roles = _partner_roles(key, public) + [("CHIL", c) for c in children]
        result[xref] = roles
        for role, person in roles:
            memberships[person].append(("FAMC" if role == "CHIL" else "FAMS", xref))
    return result, memberships


def _partner_roles(key, sexes) -> list[tuple[str, int]]:
    """HUSB and WIFE by sex where known; GEDCOM 7 treats both as partner slots."""
    if isinstance(key, tuple):
        return []
    roles, free = [], ["HUSB", "WIFE"]
    for person in sorted(key, key=lambda p: (sexes.get(p) not in ("M", "F"), p)):
        wanted = {"M": "HUSB", "F": "WIFE"}.get(sexes.get(person))
        role = wanted if wanted in free else free[0]
        free.remove(role)
        roles.append((role, person))
    return sorted(roles)


def _family(xref, roles) -> G:
    return G("FAM", xref=xref, children=[G(role, pointer=f"@I{p}@") for role, p in roles])


def _source(source) -> G:
    children = [G("TITL", text=source.title or source.name), G("ABBR", text=source.name)]
    if source.citation:
        children.append(G("PUBL", text=source.citation))
    notes = "\n".join(
        p
        for p in (
            source.notes,
            f"rights: {source.rights}" if source.rights else "",
            "synthetic data" if source.is_synthetic else "",
        )
        if p
    )
    if notes:
        children.append(G("NOTE", text=notes))
    return G("SOUR", xref=f"@S{source.pk}@", children=children)
