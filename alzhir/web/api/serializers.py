"""Model → JSON, as plain functions: the shapes alzhir.web.api.schemas declares (the views
return these and django-ninja checks them against the schemas)."""

from alzhir.registry.models import Event, Person, Source


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def record_ref(record) -> dict:
    return {"source": record.source.name, "record_id": record.record_id}


def person_item(person: Person) -> dict:
    return {
        "id": person.pk,
        "name": person.display_name,
        "birth_year": person.birth_year,
        "sex": person.sex,
        "role": person.role,
        "synthetic": person.is_synthetic,
    }


def source_item(source: Source) -> dict:
    return {
        "id": source.pk,
        "name": source.name,
        "kind": source.kind,
        "title": source.title,
        "synthetic": source.is_synthetic,
    }


def source_detail(source: Source, record_count: int) -> dict:
    return source_item(source) | {
        "citation": source.citation,
        "repository": source.repository,
        "language": source.language,
        "rights": source.rights,
        "url": source.url,
        "notes": source.notes,
        "record_count": record_count,
    }


def citation_item(citation) -> dict:
    return {
        "source": citation.source.name,
        "locator": citation.locator,
        "text": citation.text_as_recorded,
        "confidence": citation.confidence,
    }


def _place(place) -> dict | None:
    if place is None:
        return None
    return {"key": place.key, "name": place.name, "wikidata": place.wikidata}


def event_item(event: Event) -> dict:
    return {
        "id": event.pk,
        "type": event.type,
        "date": event.date_edtf,
        "date_lower": _iso(event.date_lower),
        "date_upper": _iso(event.date_upper),
        "date_text": event.date_text,
        "calendar": event.calendar,
        "place": _place(event.place),
        "place_text": event.place_text,
        "origin": _place(event.origin),
        "origin_text": event.origin_text,
        "institution": event.institution,
        "charge": event.charge,
        "legal_article": event.legal_article,
        "term": event.term,
        "text": event.text,
        "person_id": event.record.person_id,
        "record": record_ref(event.record),
    }


def name_item(name) -> dict:
    return {
        "full_text": name.full_text,
        "surname": name.surname,
        "given_name": name.given_name,
        "patronymic": name.patronymic,
        "type": name.type,
        "lang": name.lang,
        "scheme": name.scheme,
        "record": record_ref(name.record),
        "citations": [citation_item(c) for c in name.citations],
    }


def person_detail(page: dict, jsonld: dict) -> dict:
    """`page` is alzhir.registry.queries.person_page(person): only what the public may see."""
    person = page["person"]
    names = [n for group in page["names_by_script"].values() for n in group]
    sources = {r.source.pk: r.source for r in page["records"]}
    return person_item(person) | {
        "names": [name_item(n) for n in sorted(names, key=lambda n: n.pk)],
        "events": [
            event_item(e) | {"citations": [citation_item(c) for c in e.citations]}
            for e in page["events"]
        ],
        "records": [record_ref(r) | {"birth_date": r.birth_edtf} for r in page["records"]],
        "sources": [source_item(s) for _, s in sorted(sources.items())],
        "relatives": [
            {
                "role": rel["role"],
                "status": rel["link"].status,
                "score": rel["link"].score,
                "person": person_item(rel["person"]),
            }
            for rel in page["relatives"]
        ],
        "jsonld": jsonld,
    }
