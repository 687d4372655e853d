"""Read-side queries for the public site: only what the public may see, through the one
visibility rule (alzhir.registry.visibility: `.public()`)."""

from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from alzhir.registry.models import (
    MEMORIAL_ROLES,
    AuditEntry,
    Citation,
    Event,
    Name,
    NamedRelative,
    Person,
    Record,
    Relationship,
    Source,
)

COUNTS_CACHE_SECONDS = 300


def registry_counts() -> dict:
    """The home page's counts: the people the Wall remembers, the public records and the
    sources. A full count of a million rows costs ~150 ms, so it is kept until the registry
    changes (or a few minutes)."""

    def count():
        return {
            "persons": Person.objects.public().remembered().filter(is_synthetic=False).count(),
            "records": Record.objects.public().filter(source__is_synthetic=False).count(),
            "sources": Source.objects.filter(is_synthetic=False).count(),
        }

    return cache.get_or_set(f"registry-counts:{version()}", count, COUNTS_CACHE_SECONDS)


def public_person(person_id: int) -> Person | None:
    """A current public person, or None (merged away, private, or never there)."""
    return Person.objects.public().filter(pk=person_id).first()


def person_page(person: Person) -> dict:
    """Everything the public sees of a public person: her public records' names, events and
    sources, her public family links, and whether the memorial remembers her."""
    records = list(
        person.records.public()
        .select_related("source")
        .prefetch_related(Prefetch("names", queryset=Name.objects.public()))
        .order_by("source__name", "pk")
    )
    events = list(
        Event.objects.public()
        .filter(record__in=records)
        .select_related("place", "origin", "record__source")
        .order_by("date_lower", "pk")
    )
    names = [n for r in records for n in r.names.all()]
    attach_citations(records, names, events)
    names_by_script = defaultdict(list)
    for name in names:
        script = name.lang.split("-")[-1] if name.lang else ""
        names_by_script[script].append(name)
    return {
        "person": person,
        "records": records,
        "names_by_script": dict(names_by_script),
        "events": events,
        "relatives": relatives(person),
        "named_relatives": list(
            NamedRelative.objects.public().filter(record__in=records).order_by("record", "pk")
        ),
        "remembered": person.role in MEMORIAL_ROLES,
    }


ROLE_LABELS = {
    "mother": _("mother"),
    "father": _("father"),
    "child": _("child"),
    "spouse": _("spouse"),
    "sibling": _("sibling"),
}


def relatives(person: Person) -> list[dict]:
    """Each relationship seen from this person: 'mother', 'child', 'spouse', 'sibling'."""
    inverse = {"mother": "child", "father": "child", "spouse": "spouse", "sibling": "sibling"}
    links = (
        Relationship.objects.public()
        .filter(Q(a=person) | Q(b=person))
        .select_related("a", "b")
        .order_by("type", "pk")
    )
    result = []
    for link in links:
        if link.a_id == person.pk:
            other, role = link.b, inverse[link.type]
        else:
            other, role = link.a, link.type
        result.append(
            {"person": other, "role": role, "role_label": ROLE_LABELS[role], "link": link}
        )
    return result


def attach_citations(*groups) -> None:
    """Give each fact (record, name, event) its citations as `.citations`, to show beside it."""
    facts = [fact for group in groups for fact in group]
    wanted = Q()
    for model_name in {f._meta.model_name for f in facts}:
        ids = [f.pk for f in facts if f._meta.model_name == model_name]
        wanted |= Q(content_type__model=model_name, object_id__in=ids)
    cited = defaultdict(list)
    if facts:
        for citation in (
            Citation.objects.public().filter(wanted).select_related("source", "content_type")
        ):
            cited[(citation.content_type.model, citation.object_id)].append(citation)
    for fact in facts:
        fact.citations = cited[(fact._meta.model_name, fact.pk)]


def version():
    """Every change to the registry writes an audit row: its id names the registry's state."""
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()


class RowsByRecord:
    """Rows whose first value is a record id, in record order, handed out record by record
    while the caller walks the records in the same order: a merge join of two sorted streams,
    so a million records' names or events are read once, without a query per record."""

    def __init__(self, rows: Iterable[tuple]):
        self._rows = iter(rows)
        self._pending = next(self._rows, None)

    def take(self, record_id: int) -> list[tuple]:
        found = []
        while self._pending is not None and self._pending[0] <= record_id:
            if self._pending[0] == record_id:
                found.append(self._pending)
            self._pending = next(self._rows, None)
        return found
