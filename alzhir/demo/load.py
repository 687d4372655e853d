"""Load the demo registry (registry.json: real people named in one article, every fact cited,
with the role the article gives each, and the article's published figures) into an empty
database, through the same actions as any import. Only `serve --demo` and tests load it."""

import hashlib
import json
from pathlib import Path

from django.db import transaction

from alzhir.dates import parse_date
from alzhir.registry import actions
from alzhir.registry.drafts import EventDraft, NameDraft, RecordDraft, birth_fields
from alzhir.registry.models import Person, Place, Record

DEMO_FILE = Path(__file__).with_name("registry.json")
ACTOR = "demo-loader"


def _name(n: dict) -> NameDraft:
    parts = [n.get("surname", ""), n.get("given", ""), n.get("patronymic", "")]
    full = n.get("full") or " ".join(p for p in parts if p)
    return NameDraft(
        full,
        *parts,
        type=n.get("type", "as_recorded"),
        lang=n.get("lang", ""),
        scheme=n.get("scheme", ""),
        locator=n.get("locator", ""),
    )


def _event(e: dict) -> EventDraft:
    date = parse_date(e["date"]) if e.get("date") else None
    return EventDraft.dated(
        e["type"],
        date,
        date_text=e.get("date_text", ""),
        place_key=e.get("place", ""),
        institution=e.get("institution", ""),
        legal_article=e.get("legal_article", ""),
        term=e.get("term", ""),
        text=e.get("description", ""),
        locator=e.get("locator", ""),
    )


def _record(p: dict, row_number: int) -> RecordDraft:
    birth = next((e for e in p.get("events", []) if e["type"] == "birth" and e.get("date")), None)
    date = parse_date(birth["date"]) if birth else None
    return RecordDraft(
        record_id=p["key"],
        row_number=row_number,
        original=p,
        fields={"summary": p.get("summary", ""), "roles": p.get("roles", [])},
        sex=p.get("sex", "U"),
        **birth_fields(date),
        role=p["role"],
        # Living people's details stay private unless published by consent.
        is_private=p.get("living", False) and not p.get("published_by_consent", False),
        names=[_name(n) for n in p["names"]],
        events=[_event(e) for e in p.get("events", [])],
        locator=p.get("locator", ""),
    )


@transaction.atomic
def load_demo(path: Path = DEMO_FILE) -> str:
    raw = path.read_bytes()
    data = json.loads(raw)
    meta = data["source"]
    source = actions.do_create_source(
        meta["key"],
        ACTOR,
        kind=meta.get("kind", "article"),
        title=meta.get("title", ""),
        citation=meta.get("citation", ""),
        language=meta.get("language", ""),
        url=meta.get("url", ""),
        notes=meta.get("notes", ""),
    )
    for p in data["places"]:
        if not Place.objects.filter(key=p["key"]).exists():
            actions.do_create_place(
                p["key"],
                p["names"][0]["name"],
                p.get("type", "other"),
                ACTOR,
                names=[
                    {
                        "name": n["name"],
                        "lang": n.get("lang", ""),
                        "valid_from": n.get("from", ""),
                        "valid_to": n.get("to", ""),
                    }
                    for n in p["names"]
                ],
                latitude=p.get("lat"),
                longitude=p.get("lon"),
                wikidata=p.get("wikidata", ""),
            )
    drafts = [_record(p, i) for i, p in enumerate(data["persons"], start=1)]
    actions.do_import_batch(
        source,
        drafts,
        file_name=path.name,
        sha256=hashlib.sha256(raw).hexdigest(),
        profile="demo",
        row_count=len(drafts),
        actor=ACTOR,
    )
    persons = {
        r.record_id: r.person for r in Record.objects.filter(source=source).select_related("person")
    }
    for rel in data.get("relationships", []):
        actions.do_add_relationship(
            rel["type"],
            persons[rel["a"]],
            persons[rel["b"]],
            ACTOR,
            status=rel.get("status", "confirmed"),
            source=source,
            locator=rel.get("locator", ""),
        )
    for figure in data.get("figures", []):
        actions.do_set_published_figure(
            figure["key"],
            ACTOR,
            source=source.name,
            **{k: figure[k] for k in ("value", "text", "claim", "locator", "compared_with",
                                      "featured")},  # fmt: skip
        )
    return f"demo registry loaded: {len(drafts)} persons from {meta.get('title') or meta['key']}"


def load_demo_if_empty() -> str:
    if Person.objects.exists():
        return "the registry already has persons: demo not loaded"
    return load_demo()
