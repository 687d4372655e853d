"""What the public sees of a registry, crawled whole, and what it should see, computed from the
raw rows without the visibility rule (an oracle the rule is checked against):

- `expected(...)`: which persons are public, remembered, redirected, and the public counts;
- `private_markers()`: text that only private records (and unpublished contributions) hold;
- `reads_through_the_rule()`: fails on any query of a registry model that no privacy condition
  guards, made while a public page, endpoint or export is served;
- `crawl_and_check(client, tmp_path)`: every public URL, API endpoint and public export, each
  checked for private markers and against the oracle's counts and answers.
"""

import contextlib
import csv
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Q
from django.db.models.expressions import Col
from django.db.models.lookups import Lookup
from django.db.models.sql import compiler
from django.db.models.sql.query import Query
from django.db.models.sql.where import WhereNode

from alzhir.contributions.models import Contribution
from alzhir.registry.models import (
    MEMORIAL_ROLES,
    Citation,
    Event,
    Name,
    Person,
    Place,
    PlaceName,
    Record,
    Relationship,
    Source,
)
from alzhir.registry.summary import conclude_role

ALZHIR = Path(__file__).resolve().parents[2] / "alzhir"
GUARDED = [Person, Record, Name, Event, Relationship, Citation, Contribution]
# The rule's conditions: a record's privacy flag, or what the actions derive from it for a
# person (whether she holds a public record).
PRIVACY = {Record._meta.get_field("is_private"), Person._meta.get_field("has_public_records")}
# Columns whose words are the registry's vocabulary, not what a record says of someone.
VOCABULARY = {"role", "private", "sex", "record_id"}
STATS_TABLES = ["overview", "arrivals", "origins", "nationality", "terms"]


@dataclass
class Expected:
    public: set[int] = field(default_factory=set)
    remembered: set[int] = field(default_factory=set)
    # The Wall is a wall of names: a remembered person with no public name to show (a memory
    # an archivist split off into a person of its own) is remembered but not on it.
    on_the_wall: set[int] = field(default_factory=set)
    redirect: dict[int, int] = field(default_factory=dict)
    real: set[int] = field(default_factory=set)  # persons of real (not synthetic) sources
    public_records: set[int] = field(default_factory=set)
    real_public_records: int = 0
    public_record_names: set[tuple[str, str]] = field(default_factory=set)
    public_records_by_source: dict[int, int] = field(default_factory=dict)
    public_events: int = 0
    stats_persons: int = 0
    # Every surname in the registry, private ones too: searched, a private one finds no one.
    surnames: list[str] = field(default_factory=list)
    public_surnames: set[str] = field(default_factory=set)


def expected() -> Expected:
    """The public face computed from raw rows, by the rule as docs/design.md states it."""
    result = Expected()
    records = list(
        Record.objects.values_list(
            "pk", "person", "is_private", "role", "source", "source__is_synthetic"
        )
    )
    by_person = defaultdict(list)
    for row in records:
        by_person[row[1]].append(row)
    current = set(Person.objects.filter(merged_into=None).values_list("pk", flat=True))
    for person, rows in by_person.items():
        public = [r for r in rows if not r[2]]
        if person in current and public:
            result.public.add(person)
            if conclude_role(r[3] for r in public) in MEMORIAL_ROLES:
                result.remembered.add(person)
            if not all(r[5] for r in rows):
                result.real.add(person)
    named = set(
        Name.objects.filter(record__is_private=False, record__person__in=result.remembered)
        .exclude(full_text__regex=r"^\W*$")
        .values_list("record__person", flat=True)
    )
    result.on_the_wall = result.remembered & named
    holder = {r[0]: r[1] for r in records if not r[2]}
    for pk, given_up in Person.objects.exclude(merged_into=None).values_list(
        "pk", "merged_records"
    ):
        kept = sorted(r for r in given_up if r in holder)
        if kept:
            result.redirect[pk] = holder[kept[0]]
    result.public_records = {r[0] for r in records if not r[2]}
    result.real_public_records = sum(1 for r in records if not r[2] and not r[5])
    result.public_record_names = set(
        Record.objects.filter(pk__in=result.public_records).values_list("source__name", "record_id")
    )
    by_source = defaultdict(int)
    for r in records:
        by_source[r[4]] += not r[2]
    result.public_records_by_source = dict(by_source)
    result.public_events = Event.objects.filter(record__in=result.public_records).count()
    names = Name.objects.exclude(surname="").values_list("surname", "record__is_private")
    result.surnames = sorted({surname for surname, _ in names})
    result.public_surnames = {surname for surname, private in names if not private}
    result.stats_persons = len(
        {r[1] for r in records if not r[2] and r[3] in MEMORIAL_ROLES and not r[5]}
    )
    return result


def private_markers() -> set[str]:
    """Names (and their surnames) and texts only private records or unpublished contributions
    hold: none may appear anywhere public."""
    public_text = set()
    for surname, full in Name.objects.filter(record__is_private=False).values_list(
        "surname", "full_text"
    ):
        public_text |= {surname, full}
    for original in Record.objects.filter(is_private=False).values_list("original", flat=True):
        public_text |= {str(v) for v in (original or {}).values()}
    # Places are the gazetteer's reference data, whoever's record brought them in.
    public_text |= set(Place.objects.values_list("name", flat=True))
    public_text |= set(PlaceName.objects.values_list("name", flat=True))
    markers = set()
    for surname, full in Name.objects.filter(record__is_private=True).values_list(
        "surname", "full_text"
    ):
        markers |= {surname, full}
    for original in Record.objects.filter(is_private=True).values_list("original", flat=True):
        markers |= {
            v for k, v in (original or {}).items() if isinstance(v, str) and k not in VOCABULARY
        }
    for text, value in Contribution.objects.exclude(
        Q(status="approved") & Q(record__is_private=False)
    ).values_list("text", "value"):
        markers |= {text, value}
    return {m for m in markers if len(m) >= 5 and not any(m in t for t in public_text)}


# --- reads go through the rule --------------------------------------------------------------


def _guards_privacy(node) -> bool:
    """Whether a query (or part of one) is constrained by a record's privacy flag."""
    if isinstance(node, Query):
        parts = [node.where, *node.annotations.values()]
        inner = getattr(node, "inner_query", None)
        return any(_guards_privacy(p) for p in parts) or (
            inner is not None and _guards_privacy(inner)
        )
    if isinstance(node, WhereNode):
        return any(_guards_privacy(child) for child in node.children)
    if isinstance(node, Lookup):
        return _guards_privacy(node.lhs) or _guards_privacy(node.rhs)
    if isinstance(node, Col):
        return node.target in PRIVACY
    if isinstance(node, list | tuple):
        return any(_guards_privacy(n) for n in node)
    if hasattr(node, "query") and isinstance(node.query, Query):
        return _guards_privacy(node.query)
    if hasattr(node, "get_source_expressions"):
        return any(_guards_privacy(e) for e in node.get_source_expressions())
    return False


def _tables(query: Query) -> set[str]:
    tables = {query.model._meta.db_table} if query.model else set()
    tables |= {a.table_name for a in query.alias_map.values()}
    inner = getattr(query, "inner_query", None)
    return tables | (_tables(inner) if inner is not None else set())


def _judged() -> bool:
    """Whether alzhir code issued the query (not a test checking it) outside the rule's own
    module: the innermost frame of the alzhir package decides."""
    frame = sys._getframe(2)
    while frame is not None:
        path = frame.f_code.co_filename
        if path.startswith(str(ALZHIR)):
            return path != str(ALZHIR / "registry" / "visibility.py")
        frame = frame.f_back
    return False


@contextlib.contextmanager
def reads_through_the_rule():
    """Every SELECT of a registry model made inside must carry the rule's privacy condition
    (alzhir.registry.visibility), or be made by the rule itself."""
    guarded = {m._meta.db_table for m in GUARDED}
    original = compiler.SQLCompiler.execute_sql
    violations = []

    writes = (compiler.SQLInsertCompiler, compiler.SQLUpdateCompiler, compiler.SQLDeleteCompiler)

    def execute_sql(self, *args, **kwargs):
        if not isinstance(self, writes):
            touched = _tables(self.query) & guarded
            if touched and _judged() and not _guards_privacy(self.query):
                sql = str(self.query)[:300]
                violations.append(f"{sorted(touched)} read around the rule: {sql}")
        return original(self, *args, **kwargs)

    compiler.SQLCompiler.execute_sql = execute_sql
    try:
        yield violations
    finally:
        compiler.SQLCompiler.execute_sql = original
    assert not violations, "\n".join(violations[:5])


# --- the crawl ------------------------------------------------------------------------------


def _leaks(text: str, markers: set[str]) -> list[str]:
    return sorted(m for m in markers if m in text)


class Crawl:
    def __init__(self, client, markers: set[str]):
        self.client, self.markers, self.pages = client, markers, {}

    def get(self, url, status=200, **params):
        response = self.client.get(url, params)
        assert response.status_code == status, (url, params, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        leaks = _leaks(text, self.markers)
        assert not leaks, f"{url} {params} shows private {leaks}"
        return response, text

    def json(self, url, **params):
        return json.loads(self.get(url, **params)[1])

    def search(self, query: str) -> list[dict]:
        """The API's hits for a query; the answer repeats the query, so only the hits are
        checked for private text."""
        response = self.client.get("/api/search", {"q": query})
        assert response.status_code == 200, (query, response.status_code)
        results = response.json()["results"]
        leaks = _leaks(json.dumps(results, ensure_ascii=False), self.markers)
        assert not leaks, f"search for {query!r} shows private {leaks}"
        return results

    def pages_of(self, url, **params):
        """Every page of an API list."""
        page = self.json(url, page_size=100, **params)
        results = list(page["results"])
        while page["next"]:
            page = json.loads(self.get(page["next"])[1])
            results += page["results"]
        return page["count"], results


def crawl_and_check(client, tmp_path: Path, expect: Expected | None = None) -> None:
    """Crawl every public URL, endpoint and export; check markers, answers and counts."""
    expect = expect or expected()
    markers = private_markers()
    tmp_path.mkdir(parents=True, exist_ok=True)
    with reads_through_the_rule():
        _crawl_site(Crawl(client, markers), expect)
        _check_exports(markers, expect, tmp_path)
    _check_archive(markers, expect, tmp_path / "archive")


def _crawl_site(crawl: Crawl, expect: Expected) -> None:
    _, home = crawl.get("/en/")
    persons = len(expect.remembered & expect.real)
    records = expect.real_public_records
    assert f"<dd>{persons}</dd>" in home and f"<dd>{records}</dd>" in home, (persons, records)
    wall, url = [], "/en/wall/"
    while url:
        response, _ = crawl.get(url)
        wall += [p.pk for p in response.context["persons"]]
        after = response.context["next_after"]
        url = f"/en/wall/?after={after}" if after else None
    assert set(wall) == expect.on_the_wall and len(wall) == len(set(wall))
    assert response.context["total"] == len(expect.on_the_wall)
    for pk in Person.objects.values_list("pk", flat=True):
        _check_person(crawl, pk, expect)
    crawl.get("/en/sources/")
    for source in Source.objects.all():
        response, _ = crawl.get(f"/en/sources/{source.pk}")
        assert response.context["page"].paginator.count == expect.public_records_by_source.get(
            source.pk, 0
        )
        detail = crawl.json(f"/api/sources/{source.pk}")
        assert detail["record_count"] == expect.public_records_by_source.get(source.pk, 0)
    count, listed = crawl.pages_of("/api/persons")
    assert count == len(expect.public) and {p["id"] for p in listed} == expect.public
    count, _ = crawl.pages_of("/api/events")
    assert count == expect.public_events
    crawl.json("/api/sources")
    assert crawl.json("/api/stats")["persons"] == expect.stats_persons
    crawl.get("/en/stats")
    for table in STATS_TABLES:
        crawl.get(f"/en/stats/{table}.csv")
    crawl.get("/en/stats/overview/records", row="persons", col="persons")
    crawl.get("/en/stats/overview/records.csv", row="persons", col="persons")
    for query in expect.surnames:
        hits = crawl.search(query)
        assert {h["person_id"] for h in hits} <= expect.public
        shown = {(r["source"], r["record_id"]) for h in hits for r in h["records"]}
        assert shown <= expect.public_record_names, shown - expect.public_record_names
    crawl.get("/en/search", q=min(expect.public_surnames or {"Иванова"}))
    _, sitemap = crawl.get("/sitemap-persons.xml")
    shown = {int(pk) for pk in re.findall(r"/en/persons/(\d+)</loc>", sitemap)}
    assert shown == expect.public & expect.real


def _check_person(crawl: Crawl, pk: int, expect: Expected) -> None:
    if pk in expect.public:
        response, page = crawl.get(f"/en/persons/{pk}")
        offers_memory = f"/en/persons/{pk}/contribute/memory" in page
        assert offers_memory == (pk in expect.remembered), pk
        assert crawl.json(f"/api/persons/{pk}")["id"] == pk
        crawl.get(f"/en/persons/{pk}/contribute/memory", 200 if pk in expect.remembered else 404)
    elif pk in expect.redirect:
        response, _ = crawl.get(f"/en/persons/{pk}", 302)
        assert response["Location"] == f"/en/persons/{expect.redirect[pk]}"
        response, _ = crawl.get(f"/api/persons/{pk}", 302)
        assert response["Location"] == f"/api/persons/{expect.redirect[pk]}"
    else:
        crawl.get(f"/en/persons/{pk}", 404)
        crawl.get(f"/api/persons/{pk}", 404)
        crawl.get(f"/en/persons/{pk}/contribute/memory", 404)


def _check_exports(markers, expect: Expected, tmp_path: Path) -> None:
    from alzhir.opendata.gedcom import export_gedcom
    from alzhir.registry.exports import event_rows, person_rows
    from alzhir.registry.relationship_exports import relationship_rows

    rows = list(person_rows())
    assert len(rows) == len(expect.public_records)
    events = list(event_rows())
    assert len(events) == expect.public_events
    links = list(relationship_rows())
    text = json.dumps([rows, events, links], ensure_ascii=False, default=str)
    assert not _leaks(text, markers), _leaks(text, markers)
    gedcom = tmp_path / "public.ged"
    counts = export_gedcom(gedcom)
    assert counts["individuals"] == len(expect.public)
    leaks = _leaks(gedcom.read_text(encoding="utf-8"), markers)
    assert not leaks, f"GEDCOM shows private {leaks}"


def _archived_redirects(expect: Expected) -> set[int]:
    """The redirecting persons an archive can keep: those whose chain of merges reaches a kept
    person through kept persons only. Merged into a woman whose records are now all private (a
    split took the public one away), the old address redirects on the site, but the archive
    row would name a left-out person, so it goes too (found by this machine)."""
    merged_into = dict(Person.objects.exclude(merged_into=None).values_list("pk", "merged_into"))
    kept = expect.public | set(expect.redirect)

    def through_kept(pk: int) -> bool:
        while pk in merged_into:
            pk = merged_into[pk]
            if pk not in kept:
                return False
        return True

    return {pk for pk in expect.redirect if through_kept(pk)}


def _check_archive(markers, expect: Expected, root: Path) -> None:
    """The public archive reads every row and leaves out what the rule does not show: its
    output, not its queries, is what is checked."""
    from alzhir.opendata.archive import export_archive

    export_archive(root)
    for path in (root / "data").glob("*.csv"):
        leaks = _leaks(path.read_text(encoding="utf-8"), markers)
        assert not leaks, f"{path.name} shows private {leaks}"
    with (root / "data" / "person.csv").open(encoding="utf-8") as stream:
        persons = {int(row["id"]) for row in csv.DictReader(stream)}
    assert persons == expect.public | _archived_redirects(expect)
    with (root / "data" / "record.csv").open(encoding="utf-8") as stream:
        records = {int(row["id"]) for row in csv.DictReader(stream)}
    assert records == expect.public_records
