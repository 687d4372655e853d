"""The API's views: parse parameters (400 on bad ones), query, serialize. Public reads show only
what the public site shows; the one write needs a staff token."""

import json

from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.urls import reverse

from alzhir.opendata.jsonld import person_jsonld
from alzhir.registry import actions, queries
from alzhir.registry.models import (
    Event,
    EventType,
    MatchProposal,
    Person,
    Record,
    Source,
    SourceKind,
)
from alzhir.registry.visibility import redirect_target
from alzhir.search.engine import Filters, search
from alzhir.stats.report import build_report
from alzhir.stats.snapshot import Scope
from alzhir.web.api import serializers
from alzhir.web.api.http import (
    ApiError,
    api_view,
    bool_param,
    choice_param,
    date_param,
    int_param,
    json_response,
    paged,
    path_id,
    text_param,
)
from alzhir.web.api.openapi import build_openapi, docs_context
from alzhir.web.api.tokens import token_user

MAX_SEARCH_LIMIT = 100
YEAR = {"low": 1, "high": 9999}
EVENT_TYPES = list(EventType.values)
VERDICTS = ("same", "different", "later")
REVIEW = actions.permission_of("decide_match")


@api_view("GET")
def search_api(request):
    filters = Filters(
        birth_from=int_param(request, "born_from", **YEAR),
        birth_to=int_param(request, "born_to", **YEAR),
        source=text_param(request, "source"),
        camp=text_param(request, "camp"),
        event_type=choice_param(request, "event", EVENT_TYPES),
        text=text_param(request, "text"),
    )
    query = text_param(request, "q")
    limit = int_param(request, "limit", 10, low=1, high=MAX_SEARCH_LIMIT)
    if not query and filters == Filters():
        raise ApiError(400, "missing_query", "give q= (a name) or a filter")
    return json_response(search(query, limit=limit, filters=filters).as_json())


@api_view("GET")
def person_list(request):
    persons = Person.objects.public()
    born_from = int_param(request, "born_from", **YEAR)
    born_to = int_param(request, "born_to", **YEAR)
    if born_from is not None:
        persons = persons.filter(birth_year__gte=born_from)
    if born_to is not None:
        persons = persons.filter(birth_year__lte=born_to)
    synthetic = bool_param(request, "synthetic")
    if synthetic is not None:
        persons = persons.filter(is_synthetic=synthetic)
    source = text_param(request, "source")
    if source:
        persons = persons.filter(
            Exists(Record.objects.public().filter(person=OuterRef("pk"), source__name=source))
        )
    return paged(request, persons.order_by("pk"), serializers.person_item)


@api_view("GET")
def person_detail(request, person_id: str):
    wanted = path_id(person_id, "person")
    person = queries.public_person(wanted)
    if person is None:
        # As on the site: a merged-away person's address leads to the person her public
        # records joined (302, not 301: a merge can be undone).
        final = redirect_target(wanted)
        if final is None:
            raise ApiError(404, "not_found", f"no public person {person_id}")
        location = reverse("api-person", args=[final])
        response = json_response({"merged_into": final, "location": location}, status=302)
        response["Location"] = location
        return response
    base_url = f"{request.scheme}://{request.get_host()}"
    page = queries.person_page(person)
    return json_response(serializers.person_detail(page, person_jsonld(person, base_url, page)))


@api_view("GET")
def source_list(request):
    sources = Source.objects.all()
    synthetic = bool_param(request, "synthetic")
    # As on the site's list: generated sources only when asked for.
    sources = sources.filter(is_synthetic=bool(synthetic))
    kind = choice_param(request, "kind", SourceKind.values)
    if kind:
        sources = sources.filter(kind=kind)
    return paged(request, sources.order_by("pk"), serializers.source_item)


@api_view("GET")
def source_detail(request, source_id: str):
    source = Source.objects.filter(pk=path_id(source_id, "source")).first()
    if source is None:
        raise ApiError(404, "not_found", f"no source {source_id}")
    count = Record.objects.public().filter(source=source).count()
    return json_response(serializers.source_detail(source, count))


@api_view("GET")
def event_list(request):
    events = Event.objects.public()
    kind = choice_param(request, "type", EVENT_TYPES)
    if kind:
        events = events.filter(type=kind)
    date_from = date_param(request, "date_from", end=False)
    date_to = date_param(request, "date_to", end=True)
    if date_from:
        events = events.filter(date_upper__gte=date_from)
    if date_to:
        events = events.filter(date_lower__lte=date_to)
    source = text_param(request, "source")
    if source:
        events = events.filter(record__source__name=source)
    person = int_param(request, "person", low=1, high=2**63 - 1)
    if person is not None:
        events = events.filter(record__person_id=person)
    events = events.select_related("place", "origin", "record__source").order_by("pk")
    return paged(request, events, serializers.event_item)


@api_view("GET")
def stats(request):
    sources = tuple(sorted({s.strip() for s in request.GET.getlist("source") if s.strip()}))
    scope = Scope(synthetic=bool(bool_param(request, "synthetic")), sources=sources)
    return json_response(build_report(scope).as_json())


@api_view("POST")  # a bearer token alone authenticates here: a session cookie is ignored
def proposal_decision(request, proposal_id: str):
    user = token_user(request)
    if user is None:
        raise ApiError(401, "unauthenticated", "send Authorization: Bearer <token>")
    if not user.has_perm(REVIEW):
        raise ApiError(403, "forbidden", "this token's user may not review duplicates")
    proposal = MatchProposal.objects.filter(pk=path_id(proposal_id, "proposal")).first()
    if proposal is None:
        raise ApiError(404, "not_found", f"no proposal {proposal_id}")
    try:
        body = json.loads(request.body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(400, "invalid_body", "the body must be JSON") from None
    verdict = body.get("verdict") if isinstance(body, dict) else None
    if verdict not in VERDICTS:
        raise ApiError(400, "invalid_body", 'give {"verdict": "same"|"different"|"later"}')
    try:
        entry = actions.do_decide_match(proposal, verdict, user.get_username())
    except actions.ActionError as error:
        raise ApiError(409, "refused", str(error)) from None
    proposal.refresh_from_db()
    return json_response(
        {
            "proposal": {
                "id": proposal.pk,
                "status": proposal.status,
                "deferred": proposal.deferred,
                "decided_by": proposal.decided_by,
            },
            "audit_entry": entry.pk,
        }
    )


@api_view("GET")
def openapi_document(request):
    return json_response(build_openapi())


@api_view("GET")
def docs(request):
    return render(request, "alzhir/api_docs.html", docs_context(build_openapi()))


@api_view("GET", "POST", "PUT", "PATCH", "DELETE")
def not_found(request, rest: str = ""):
    raise ApiError(404, "not_found", f"no API endpoint /api/{rest}")
