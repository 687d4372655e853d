"""The OpenAPI 3.0 document of the JSON API, built here as data, and the same document arranged
for the browsable docs page (alzhir/api_docs.html renders it; no Swagger UI is shipped)."""

from functools import cache

from alzhir.registry.models import EventType, SourceKind
from alzhir.web.api.http import DEFAULT_PAGE_SIZE, MAX_INT, MAX_PAGE_SIZE, PARTIAL_DATE_PATTERN

INT64_MAX = 2**63 - 1


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(properties: dict, required=None, description: str = "", **extra) -> dict:
    schema = {"type": "object", "properties": properties, "required": required or list(properties)}
    if description:
        schema["description"] = description
    return schema | extra


def _nullable(schema: dict) -> dict:
    return schema | {"nullable": True}


def _string(description: str = "", **extra) -> dict:
    return {"type": "string", **({"description": description} if description else {}), **extra}


INT = {"type": "integer"}
BOOL = {"type": "boolean"}
STRINGS = {"type": "array", "items": {"type": "string"}}


def _page(item: str) -> dict:
    return _obj(
        {
            "count": INT | {"minimum": 0, "description": "items matching, over all pages"},
            "next": _nullable(_string("the next page's URL", format="uri")),
            "previous": _nullable(_string("the previous page's URL", format="uri")),
            "results": {"type": "array", "items": _ref(item)},
        },
        description="One page of a list (page numbers from 1).",
    )


PLACE = _nullable(
    _obj({"key": _string(), "name": _string(), "wikidata": _string("a Wikidata QID or empty")})
)
RECORD_REF = _obj(
    {"source": _string("the source's name"), "record_id": _string("the record's id in it")},
    description="A record is named by (source, record_id) everywhere.",
)

SCHEMAS = {
    "Error": _obj(
        {
            "error": _obj(
                {
                    "code": _string(
                        "machine-readable: invalid_parameter, missing_query, not_found, "
                        "page_not_found, invalid_body, unauthenticated, forbidden, refused, "
                        "method_not_allowed, rate_limited"
                    ),
                    "message": _string("for people"),
                }
            )
        },
        description="Every error, with a 4xx status.",
    ),
    "RecordRef": RECORD_REF,
    "PersonItem": _obj(
        {
            "id": INT,
            "name": _string("the display name"),
            "birth_year": _nullable(INT),
            "sex": _string(enum=["F", "M", "U"]),
            "role": _string(
                "what her public records say she was: repressed and child are the people the "
                "memorial remembers; the others appear as context",
                enum=["repressed", "child", "relative", "official", "witness", "other"],
            ),
            "synthetic": BOOL | {"description": "generated for tests and benchmarks, not real"},
        }
    ),
    "PersonPage": _page("PersonItem"),
    "Citation": _obj(
        {
            "source": _string(),
            "locator": _string("where in the source"),
            "text": _string("the text as recorded"),
            "confidence": _nullable({"type": "number"}),
        }
    ),
    "Name": _obj(
        {
            "full_text": _string(),
            "surname": _string(),
            "given_name": _string(),
            "patronymic": _string(),
            "type": _string(enum=["birth", "married", "alias", "as_recorded"]),
            "lang": _string("BCP 47, e.g. ru-Cyrl"),
            "scheme": _string("transliteration scheme"),
            "record": _ref("RecordRef"),
            "citations": {"type": "array", "items": _ref("Citation")},
        }
    ),
    "Event": _obj(
        {
            "id": INT,
            "type": _string(enum=list(EventType.values)),
            "date": _string("EDTF, e.g. 1938-02-02, 1902~, 1938/1945"),
            "date_lower": _nullable(_string("earliest day the date allows", format="date")),
            "date_upper": _nullable(_string("latest day the date allows", format="date")),
            "date_text": _string("the date as the source wrote it"),
            "calendar": _string(enum=["gregorian", "julian"]),
            "place": PLACE,
            "place_text": _string(),
            "origin": PLACE,
            "origin_text": _string("where the person came from"),
            "institution": _string(),
            "charge": _string(),
            "legal_article": _string(),
            "term": _string(),
            "text": _string("the phrase as the source wrote it"),
            "person_id": INT,
            "record": _ref("RecordRef"),
        }
    ),
    "EventPage": _page("Event"),
    "CitedEvent": {
        "allOf": [
            _ref("Event"),
            _obj({"citations": {"type": "array", "items": _ref("Citation")}}),
        ]
    },
    "Relative": _obj(
        {
            "role": _string(
                "what the relative is to this person",
                enum=["mother", "father", "child", "spouse", "sibling"],
            ),
            "status": _string(enum=["proposed", "confirmed"]),
            "score": _nullable({"type": "number", "minimum": 0, "maximum": 1}),
            "person": _ref("PersonItem"),
        }
    ),
    "PersonDetail": {
        "allOf": [
            _ref("PersonItem"),
            _obj(
                {
                    "names": {"type": "array", "items": _ref("Name")},
                    "events": {"type": "array", "items": _ref("CitedEvent")},
                    "records": {
                        "type": "array",
                        "items": {
                            "allOf": [
                                _ref("RecordRef"),
                                _obj({"birth_date": _string("EDTF, as recorded")}),
                            ]
                        },
                    },
                    "sources": {"type": "array", "items": _ref("SourceItem")},
                    "relatives": {"type": "array", "items": _ref("Relative")},
                    "jsonld": {
                        "type": "object",
                        "description": "schema.org Person JSON-LD",
                        "required": ["@context", "@type", "@id", "name"],
                        "properties": {"@type": _string(enum=["Person"])},
                    },
                }
            ),
        ]
    },
    "MergedPerson": _obj(
        {"merged_into": INT, "location": _string("the API address of that person")},
        description="The person was merged into another: follow Location.",
    ),
    "SourceItem": _obj(
        {
            "id": INT,
            "name": _string(),
            "kind": _string(enum=list(SourceKind.values)),
            "title": _string(),
            "synthetic": BOOL,
        }
    ),
    "SourcePage": _page("SourceItem"),
    "SourceDetail": {
        "allOf": [
            _ref("SourceItem"),
            _obj(
                {
                    "citation": _string(),
                    "repository": _string(),
                    "language": _string(),
                    "rights": _string(),
                    "url": _string(),
                    "notes": _string(),
                    "record_count": INT | {"description": "public records from this source"},
                }
            ),
        ]
    },
    "SearchHit": _obj(
        {
            "person_id": INT,
            "score": {"type": "number"},
            "name": _string(),
            "birth_date": _string(),
            "records": {"type": "array", "items": _ref("RecordRef")},
            "why": STRINGS | {"description": "the reasons for the match, in words"},
            "synthetic": BOOL | {"description": "present (true) only for generated persons"},
        },
        required=["person_id", "score", "name", "birth_date", "records", "why"],
    ),
    "SearchResponse": _obj(
        {
            "query": _string(),
            "took_ms": {"type": "number", "minimum": 0},
            "results": {"type": "array", "items": _ref("SearchHit")},
        }
    ),
    "StatsTable": _obj(
        {
            "key": _string(),
            "title": _string(),
            "row_header": _string(),
            "columns": {
                "type": "array",
                "items": _obj({"key": _string(), "label": _string()}),
            },
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "label"],
                    "description": "key, label and one count per column key",
                },
            },
            "totals": {
                "type": "object",
                "additionalProperties": INT,
                "description": "distinct persons per column",
            },
            "notes": STRINGS,
        }
    ),
    "Stats": _obj(
        {
            "scope": _obj({"synthetic": BOOL, "sources": STRINGS}),
            "persons": INT,
            "records": INT,
            "duplicates_note": _string(),
            "what_the_sources_say": {"type": "array", "items": {"type": "object"}},
            "tables": {"type": "object", "additionalProperties": _ref("StatsTable")},
        }
    ),
    "Decision": _obj({"verdict": _string(enum=["same", "different", "later"])}),
    "DecisionResult": _obj(
        {
            "proposal": _obj(
                {
                    "id": INT,
                    "status": _string(enum=["proposed", "confirmed", "rejected"]),
                    "deferred": BOOL,
                    "decided_by": _string(),
                }
            ),
            "audit_entry": INT | {"description": "the audit row; staff can undo it"},
        }
    ),
}


def _param(name: str, schema: dict, description: str, where: str = "query", **extra) -> dict:
    return {"name": name, "in": where, "description": description, "schema": schema} | extra


YEAR = INT | {"minimum": 1, "maximum": 9999}
# Query text may hold anything but NUL, which no database stores (api_view answers 400).
NO_NUL = r"^[^\x00]*$"
QUERY_TEXT = _string(pattern=NO_NUL)
PARTIAL_DATE = _string(pattern=f"^{PARTIAL_DATE_PATTERN}$", example="1938-02")
PAGING = [
    _param("page", INT | {"minimum": 1, "maximum": MAX_INT, "default": 1}, "page, from 1"),
    _param(
        "page_size",
        INT | {"minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
        f"items per page, at most {MAX_PAGE_SIZE}",
    ),
]
BORN = [
    _param("born_from", YEAR, "born in or after this year"),
    _param("born_to", YEAR, "born in or before this year"),
]


def _id_param(name: str, what: str) -> dict:
    schema = INT | {"minimum": 1, "maximum": INT64_MAX}
    return _param(name, schema, f"the {what}'s id", where="path", required=True)


def _json(schema_name: str, description: str) -> dict:
    content = {"application/json": {"schema": _ref(schema_name)}}
    return {"description": description, "content": content}


ERRORS = {
    "400": _json("Error", "a parameter is malformed or out of range"),
    "404": _json("Error", "no such item (or page), or not public"),
}


def _get(summary: str, description: str, params, ok: str, **responses) -> dict:
    return {
        "get": {
            "summary": summary,
            "description": description,
            "operationId": summary.lower().replace(" ", "_").replace("'", ""),
            "parameters": params,
            "responses": {"200": _json(ok, "found")} | ERRORS | responses,
        }
    }


PATHS = {
    "/api/search": _get(
        "Search persons",
        "Persons matching a name written any way (any script, declined, transliterated), "
        "best first, each with the reasons for the match. Give q or at least one filter.",
        [
            _param("q", QUERY_TEXT, "a name, as the family remembers it; may include a year"),
            _param("limit", INT | {"minimum": 1, "maximum": 100, "default": 10}, "results"),
            *BORN,
            _param("source", QUERY_TEXT, "only persons with a record in this source (name)"),
            _param("camp", QUERY_TEXT, "only persons with an event at this place (key or name)"),
            _param("event", _string(enum=list(EventType.values)), "persons with such an event"),
            _param("text", QUERY_TEXT, "words searched in notes and sentence texts"),
        ],
        "SearchResponse",
        **{"429": _json("Error", "too many requests from this address: see Retry-After")},
    ),
    "/api/persons": _get(
        "List persons",
        "Public persons in id order (merged-away and private persons are left out).",
        [
            *PAGING,
            *BORN,
            _param("source", QUERY_TEXT, "only persons with a public record in this source"),
            _param("synthetic", BOOL, "only generated (true) or only real (false) persons"),
        ],
        "PersonPage",
    ),
    "/api/persons/{person_id}": _get(
        "Get a person",
        "A public person: names, events with citations, records, sources, relatives and the "
        "schema.org JSON-LD. A person merged into another answers 302 with its Location.",
        [_id_param("person_id", "person")],
        "PersonDetail",
        **{
            "302": {
                "description": "merged into another person",
                "headers": {"Location": {"schema": _string(), "description": "that person"}},
                "content": {"application/json": {"schema": _ref("MergedPerson")}},
            }
        },
    ),
    "/api/sources": _get(
        "List sources",
        "Sources in id order: real ones, or generated ones with synthetic=true.",
        [
            *PAGING,
            _param("kind", _string(enum=list(SourceKind.values)), "only sources of this kind"),
            _param("synthetic", BOOL, "list generated sources instead of real ones"),
        ],
        "SourcePage",
    ),
    "/api/sources/{source_id}": _get(
        "Get a source",
        "A source with its citation, rights and how many public records it holds.",
        [_id_param("source_id", "source")],
        "SourceDetail",
    ),
    "/api/events": _get(
        "List events",
        "Public events in id order. A date range keeps events whose dates may fall in it.",
        [
            *PAGING,
            _param("type", _string(enum=list(EventType.values)), "only events of this type"),
            _param("date_from", PARTIAL_DATE, "events that may be on or after this date"),
            _param("date_to", PARTIAL_DATE, "events that may be on or before this date"),
            _param("source", QUERY_TEXT, "only events recorded by this source (name)"),
            _param("person", INT | {"minimum": 1, "maximum": INT64_MAX}, "one person's events"),
        ],
        "EventPage",
    ),
    "/api/stats": _get(
        "Statistics",
        "The statistics report: public records of real sources, every number a count of "
        "distinct persons.",
        [
            _param(
                "source",
                {"type": "array", "items": QUERY_TEXT},
                "count only these sources (repeat the parameter)",
                style="form",
                explode=True,
            ),
            _param("synthetic", BOOL, "count generated sources instead of real ones"),
        ],
        "Stats",
    ),
    "/api/proposals/{proposal_id}/decision": {
        "post": {
            "summary": "Decide a duplicate proposal",
            "description": "An archivist's verdict on a proposed pair of records: same merges "
            "the two persons, different keeps them apart, later leaves the pair in the queue. "
            "Needs a token of a user who may review duplicates; logged and undoable.",
            "operationId": "decide_proposal",
            "security": [{"token": []}],
            "parameters": [_id_param("proposal_id", "proposal")],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("Decision")}},
            },
            "responses": {
                "200": _json("DecisionResult", "decided"),
                "400": _json("Error", "the body is not a verdict"),
                "401": _json("Error", "no valid token"),
                "403": _json("Error", "the token's user may not review duplicates"),
                "404": _json("Error", "no such proposal"),
                "409": _json("Error", "the registry refused the change"),
            },
        }
    },
}


@cache
def build_openapi() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "ALZHIR Registry API",
            "version": "1",
            "description": "Read-only for the public; staff writes need a token. Errors are "
            '{"error": {"code", "message"}} with a 4xx status; lists page with page and '
            'page_size and answer {"count", "next", "previous", "results"}.',
        },
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Authorization: Bearer <token> (a staff member's API token)",
                }
            },
        },
    }


def type_text(schema: dict) -> str:
    """A schema in a few words for the docs page: "integer ≥ 1", "array of Event"…"""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " + ".join(type_text(s) for s in schema["allOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        text = f"array of {type_text(schema.get('items', {}))}"
    elif kind == "object" and "additionalProperties" in schema:
        text = f"object of {type_text(schema['additionalProperties'])}"
    else:
        text = kind
    if "format" in schema:
        text += f" ({schema['format']})"
    if "enum" in schema:
        text += ": " + " | ".join(str(v) for v in schema["enum"])
    if "minimum" in schema:
        text += f", ≥ {schema['minimum']}"
    if "maximum" in schema:
        text += f", ≤ {schema['maximum']}"
    if schema.get("pattern") == NO_NUL:
        text += ", without NUL"
    elif "pattern" in schema:
        text += f", like {schema.get('example', schema['pattern'])}"
    if schema.get("nullable"):
        text += " or null"
    return text


def _properties(schema: dict) -> list[dict]:
    if "allOf" in schema:
        return [p for part in schema["allOf"] if "$ref" not in part for p in _properties(part)]
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": type_text(prop),
            "required": name in required,
            "description": prop.get("description", ""),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def docs_context(document: dict) -> dict:
    operations = []
    for route, methods in document["paths"].items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            operations.append(
                {
                    "anchor": op["operationId"],
                    "method": method.upper(),
                    "path": route,
                    "summary": op["summary"],
                    "description": op["description"],
                    "needs_token": bool(op.get("security")),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": type_text(p["schema"]),
                            "description": p["description"],
                        }
                        for p in op["parameters"]
                    ],
                    "body": type_text(body["schema"]) if body else "",
                    "responses": [
                        {
                            "status": status,
                            "description": response["description"],
                            "type": type_text(
                                response.get("content", {})
                                .get("application/json", {})
                                .get("schema", {})
                            ),
                        }
                        for status, response in op["responses"].items()
                    ],
                }
            )
    schemas = []
    for name, schema in document["components"]["schemas"].items():
        bases = [s["$ref"].rsplit("/", 1)[-1] for s in schema.get("allOf", []) if "$ref" in s]
        schemas.append(
            {
                "name": name,
                "description": schema.get("description", ""),
                "bases": bases,
                "properties": _properties(schema),
            }
        )
    return {"info": document["info"], "operations": operations, "schemas": schemas}
