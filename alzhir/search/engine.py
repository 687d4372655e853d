"""Search: candidates from the name-key index, reranked with the names engine's comparison,
birth-year closeness and place, grouped into persons with every source, with reasons.

A query costs a fixed handful of SQL statements whatever the registry's size: one index probe
(per-term LIMITs keep common surnames fast), one for the candidates' persons, one for their
names, one for their records, and one each for places or full text when asked for.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from rapidfuzz.distance import OSA

from alzhir.names import NameParts, compare
from alzhir.names.reasons import Reason
from alzhir.registry.models import Event, Name, Person, Record
from alzhir.search import fulltext
from alzhir.search.keys import (
    BROAD_KINDS,
    TERM_WEIGHTS,
    TWO_DELETION_LENGTH,
    parts_from_fields,
    query_deletion_hashes,
    query_phonetics,
    query_terms,
)
from alzhir.search.models import SurnameNeighbour
from alzhir.search.query import ParsedQuery, parse_query
from alzhir.search.reasons import explain

BROAD_CAP = 300  # rows read per broad term (a surname alone)
TERM_CAP = 3000  # rows read per specific term
PRESELECT = 400  # candidates whose person rows are read
COMPARED = 40  # candidates compared name by name
NEIGHBOUR_CAP = 300  # indexed surnames one edit from the query's, read at most
MIN_SCORE = 0.5
SLIP_REASON = re.compile(r"typo in the [a-z ]+: (\S+) for (\S+) \(")
TEXT_ONLY_SCORE = 0.5


@dataclass
class SearchHit:
    person_id: int
    score: float
    name: str
    birth_date: str
    records: list[dict] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    is_synthetic: bool = False
    # What her public records say she was: the memorial remembers the repressed and children;
    # an official or a relative is found too, and labelled as context (DESIGN.md, Role).
    role: str = "repressed"


@dataclass
class SearchResponse:
    query: str
    took_ms: float
    results: list[SearchHit]
    did_you_mean: str = ""  # the query spelt as the best hit's name, when found through slips

    def as_json(self) -> dict:
        return {
            "query": self.query,
            "took_ms": self.took_ms,
            "results": [
                {k: v for k, v in asdict(hit).items() if k != "is_synthetic"}
                | ({"synthetic": True} if hit.is_synthetic else {})
                for hit in self.results
            ],
        } | ({"did_you_mean": self.did_you_mean} if self.did_you_mean else {})


@dataclass
class Filters:
    birth_from: int | None = None
    birth_to: int | None = None
    source: str = ""
    camp: str = ""  # a place key or a place name
    event_type: str = ""
    text: str = ""  # words that are not names, searched in notes and sentence text

    def person_q(self) -> Q:
        """Filters on a person's public records only: a private record's source, events or
        camp never make a person match (alzhir.registry.visibility)."""
        q = Q()
        if self.birth_from is not None:
            q &= Q(birth_year__gte=self.birth_from)
        if self.birth_to is not None:
            q &= Q(birth_year__lte=self.birth_to)
        records = Record.objects.public().filter(person=OuterRef("pk"))
        events = Event.objects.public().filter(record__person=OuterRef("pk"))
        if self.source:
            q &= Q(Exists(records.filter(source__name=self.source)))
        if self.event_type:
            q &= Q(Exists(events.filter(type=self.event_type)))
        if self.camp:
            at_camp = Q(place__key=self.camp) | Q(place__name__iexact=self.camp)
            q &= Q(Exists(events.filter(at_camp)))
        return q

    @property
    def joins(self) -> bool:
        return bool(self.source or self.event_type or self.camp)


def _near(readings) -> dict[str, set[str]]:
    """For each phonetic surname key of the query, the indexed keys one letter away, or two
    from a key of TWO_DELETION_LENGTH letters (candidates: the comparison judges them)."""
    owners: dict[int, set[str]] = defaultdict(set)
    for phonetic in query_phonetics(readings):
        for deletion in query_deletion_hashes(phonetic):
            owners[deletion].add(phonetic)
    if not owners:
        return {}
    rows = SurnameNeighbour.objects.filter(deletion__in=list(owners)).values_list(
        "deletion", "phonetic"
    )[:NEIGHBOUR_CAP]
    near: dict[str, set[str]] = defaultdict(set)
    for deletion, found in rows:
        for phonetic in owners[deletion]:
            allowed = 2 if max(len(found), len(phonetic)) >= TWO_DELETION_LENGTH else 1
            if OSA.distance(found, phonetic, score_cutoff=allowed) <= allowed:
                near[phonetic].add(found)
    return near


def _probe(terms: dict[int, str]) -> dict[int, dict[str, int]]:
    """person_id → {term kind: weight} for every indexed term of the query."""
    if not terms:
        return {}
    parts, params = [], []
    for term, kind in terms.items():
        parts.append(
            "SELECT * FROM (SELECT term, person_id FROM search_namekey WHERE term = %s LIMIT %s) "
            f"AS t{len(parts)}"
        )
        params += [term, BROAD_CAP if kind in BROAD_KINDS else TERM_CAP]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    matched: dict[int, dict[str, int]] = defaultdict(dict)
    for term, person_id in rows:
        kind = terms[term]
        matched[person_id][kind] = TERM_WEIGHTS[kind]
    return matched


def completed(readings: list[NameParts]) -> list[NameParts]:
    """A person's names, each lacking part taken from her other names: "Bagritsky" alone is
    still Эдуард, and must not match «Багрицкой Лидии» as if his given name were unknown."""
    donors = {
        "surname": next((r for r in readings if r.surname), None),
        "given": next((r for r in readings if r.given and not r.given_is_initial), None),
        "patronymic": next(
            (r for r in readings if r.patronymic and not r.patronymic_is_initial), None
        ),
    }
    filled = []
    for reading in readings:
        changes = {}
        if not reading.surname and donors["surname"]:
            changes |= {"surname": donors["surname"].surname}
            changes |= {"surname_parts": donors["surname"].surname_parts}
        if not reading.given and donors["given"]:
            changes |= {"given": donors["given"].given, "given_is_initial": False}
        if not reading.patronymic and donors["patronymic"]:
            changes |= {"patronymic": donors["patronymic"].patronymic}
            changes |= {"patronymic_is_initial": False}
        filled.append(replace(reading, **changes) if changes else reading)
    return filled


def _suggestion(query: str, hits: list[SearchHit]) -> str:
    """The query with each slip the best hit was found through put right."""
    if not hits:
        return ""
    suggestion = query
    for reason in hits[0].why:
        found = SLIP_REASON.match(reason)
        if found:
            suggestion = suggestion.replace(found.group(1), found.group(2), 1)
    return suggestion if suggestion != query else ""


def _year_distance(query_years, birth_year) -> int | None:
    if not query_years or birth_year is None:
        return None
    low, high = query_years
    return max(low - birth_year, birth_year - high, 0)


HIT_FIELDS = ("id", "display_name", "birth_year", "is_synthetic", "role")


def _visible(model, include_private: bool):
    """Every row for a staff search, else what the public may see (alzhir.registry.visibility)."""
    return model.objects.all() if include_private else model.objects.public()


def _persons(ids, filters: Filters, include_private: bool) -> dict[int, dict]:
    persons = _visible(Person, include_private).filter(pk__in=ids, merged_into=None)
    persons = persons.filter(filters.person_q())
    if filters.joins:
        persons = persons.distinct()
    return {p["id"]: p for p in persons.values(*HIT_FIELDS)}


def _place_keys(person_ids) -> dict[int, set[str]]:
    places = defaultdict(set)
    rows = Event.objects.public().filter(record__person_id__in=person_ids).values_list(
        "record__person_id", "place__key", "origin__key"
    )
    for person_id, place, origin in rows:
        places[person_id] |= {k for k in (place, origin) if k}
    return places


def _rank(parsed: ParsedQuery, persons: dict[int, dict], include_private: bool, text_words=""):
    """(score, person_id, reasons) for each person whose best name compares well enough."""
    names = _visible(Name, include_private).filter(record__person_id__in=list(persons))
    by_person = defaultdict(list)
    for person_id, *fields in names.order_by("pk").values_list(
        "record__person_id", "surname", "given_name", "patronymic", "full_text"
    ):
        by_person[person_id] += parts_from_fields(*fields)
    by_person = {person: completed(readings) for person, readings in by_person.items()}
    places = _place_keys(list(persons)) if parsed.place_keys else {}
    ranked = []
    for person_id, readings in by_person.items():
        best = None
        for query_parts in parsed.readings:
            for found in readings:
                result = compare(query_parts, found)
                partial = "part of a double-barrelled surname" in result.why
                key = (result.same, result.score - 0.01 * partial, -len(result.why))
                if best is None or key > best[0]:
                    best = (key, result, query_parts, found)
        if best is None or best[1].score < MIN_SCORE:
            continue
        _, result, query_parts, found = best
        score = result.score
        if "part of a double-barrelled surname" in result.why:
            score -= 0.01  # the whole double surname, where it matches, ranks first
        why = explain(query_parts, found, result.why) or [Reason("as_recorded")]
        distance = _year_distance(parsed.years, persons[person_id]["birth_year"])
        if distance is not None:
            score += 0.05 if distance == 0 else (0.02 if distance <= 2 else -0.05)
            birth_year = persons[person_id]["birth_year"]
            why.append(Reason("born" if distance <= 2 else "born_not_then", year=birth_year))
        shared_places = parsed.place_keys & places.get(person_id, set())
        if shared_places:
            score += 0.03
            why.append(Reason("place", places=", ".join(parsed.place_words)))
        if text_words:
            why.append(Reason("text_mentions", words=text_words))
        ranked.append((round(score, 4), person_id, why))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return ranked


def _name_candidates(parsed: ParsedQuery, filters: Filters, include_private: bool):
    matched = _probe(query_terms(parsed.readings, _near(parsed.readings)))
    if filters.text:
        text_persons = {p for p, _ in fulltext.search_text(filters.text, limit=5000)}
        matched = {p: kinds for p, kinds in matched.items() if p in text_persons}
    prescore = {p: sum(kinds.values()) for p, kinds in matched.items()}
    preselected = sorted(prescore, key=lambda p: (-prescore[p], p))[:PRESELECT]
    persons = _persons(preselected, filters, include_private)

    def closeness(person_id):
        distance = _year_distance(parsed.years, persons[person_id]["birth_year"])
        return (-prescore[person_id], 99 if distance is None else distance, person_id)

    compared = sorted(persons, key=closeness)[:COMPARED]
    compared_persons = {p: persons[p] for p in compared}
    return _rank(parsed, compared_persons, include_private, filters.text), persons


def _text_candidates(text: str, filters: Filters, include_private: bool, limit: int):
    found = fulltext.search_text(text, limit=limit * 5)
    persons = _persons([p for p, _ in found], filters, include_private)
    best = max((r for _, r in found), default=1.0) or 1.0
    ranked = [
        (round(TEXT_ONLY_SCORE * relevance / best, 4), p, [Reason("text_mentions", words=text)])
        for p, relevance in found
        if p in persons
    ]
    return ranked, persons


def _filter_only(filters: Filters, include_private: bool, limit: int):
    persons = _visible(Person, include_private).filter(merged_into=None)
    persons = persons.filter(filters.person_q())
    if filters.joins:
        persons = persons.distinct()
    rows = persons.order_by("sort_name", "id").values(*HIT_FIELDS)[:limit]
    persons = {p["id"]: p for p in rows}
    return [(0.0, p, [Reason("matches_filters")]) for p in persons], persons


def _hits(ranked, persons, include_private: bool) -> list[SearchHit]:
    ids = [person_id for _, person_id, _ in ranked]
    records = _visible(Record, include_private).filter(person_id__in=ids)
    by_person = defaultdict(list)
    births = {}
    for person_id, source, record_id, birth in records.order_by("source__name", "pk").values_list(
        "person_id", "source__name", "record_id", "birth_edtf"
    ):
        by_person[person_id].append({"source": source, "record_id": record_id})
        if birth:
            births.setdefault(person_id, birth)
    hits = []
    for score, person_id, why in ranked:
        person = persons[person_id]
        year = person["birth_year"]
        hits.append(
            SearchHit(
                person_id=person_id,
                score=score,
                name=person["display_name"],
                birth_date=births.get(person_id, str(year) if year else ""),
                records=by_person[person_id],
                why=why,
                is_synthetic=person["is_synthetic"],
                role=person["role"],
            )
        )
    return hits


def search(
    query: str,
    *,
    limit: int = 10,
    filters: Filters | None = None,
    include_private: bool = False,
) -> SearchResponse:
    """Persons matching a name query (and filters), best first, each with reasons."""
    started = time.perf_counter()
    filters = filters or Filters()
    parsed = parse_query(query)
    if parsed.readings:
        ranked, persons = _name_candidates(parsed, filters, include_private)
        if not ranked and not filters.text:
            # the words may not be a name at all: look for them in the records' text
            ranked, persons = _text_candidates(query, filters, include_private, limit)
    elif filters.text:
        ranked, persons = _text_candidates(filters.text, filters, include_private, limit)
    else:
        if parsed.years and filters.birth_from is None and filters.birth_to is None:
            filters = replace(filters, birth_from=parsed.years[0], birth_to=parsed.years[1])
        ranked, persons = _filter_only(filters, include_private, limit)
    hits = _hits(ranked[:limit], persons, include_private)
    took_ms = round((time.perf_counter() - started) * 1000, 1)
    return SearchResponse(query, took_ms, hits, _suggestion(query, hits))
