"""The API's operations (django-ninja): parameters typed and checked by their schemas (400 on
bad ones), query, serialize. Public reads show only what the public site shows; the one write
needs a staff token. The OpenAPI document (/api/openapi.json) and its browsable page
(/api/docs, Swagger UI served from the installed package) are generated from this module."""

from typing import Annotated

from django.db.models import Exists, OuterRef
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from alzhir.opendata.jsonld import person_jsonld
from alzhir.registry import actions, queries
from alzhir.registry.models import Event, MatchProposal, Person, Record, Source
from alzhir.registry.visibility import redirect_target
from alzhir.search.engine import Filters, search
from alzhir.stats.report import build_report
from alzhir.stats.snapshot import Scope
from alzhir.web.api import schemas, serializers
from alzhir.web.api.http import (
    DEFAULT_PAGE_SIZE,
    MAX_INT,
    MAX_PAGE_SIZE,
    PARTIAL_DATE_PATTERN,
    ApiError,
    error_response,
    json_rate_limited,
    paged,
    partial_date,
)
from alzhir.web.api.tokens import token_user

INT64_MAX = 2**63 - 1
MAX_SEARCH_LIMIT = 100
REVIEW = actions.permission_of("decide_match")

api = NinjaAPI(
    title="ALZHIR Registry API",
    version="1",
    description="Read-only for the public; staff writes need a token. Errors are "
    '{"error": {"code", "message"}} with a 4xx status; lists page with page and page_size and '
    'answer {"count", "next", "previous", "results"}.',
    urls_namespace="api",
)
ERRORS = {400: schemas.Error, 404: schemas.Error}

Year = Annotated[int, Field(ge=1, le=9999)]
# Text may hold anything but NUL, which no database stores (alzhir.web.middleware answers 400).
Text = Annotated[str, Field(pattern=r"^[^\x00]*$")]
PartialDate = Annotated[str, Field(pattern=f"^{PARTIAL_DATE_PATTERN}$")]
Id = Annotated[int, Path(ge=1, le=INT64_MAX)]
# Optional parameters are typed as what they are when given (int, bool, a choice) with a None
# default, so the document does not offer "null" as a value to send.


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_INT, description="page, from 1")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="per page")


@api.exception_handler(ApiError)
def _api_error(request, error: ApiError):
    return error_response(error.status, error.code, error.message)


@api.exception_handler(ValidationError)
def _invalid(request, error: ValidationError):
    where = {str(e["loc"][0]) for e in error.errors}
    if "path" in where:  # /api/persons/x1: no such person, as the site would say
        return error_response(404, "not_found", f"no such item: {request.path}")
    code = "invalid_body" if "body" in where else "invalid_parameter"
    message = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors
    )
    return error_response(400, code, message)


@api.exception_handler(HttpError)
def _http_error(request, error: HttpError):
    code = "invalid_body" if error.status_code == 400 else "refused"
    return error_response(error.status_code, code, str(error))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, error):
    return error_response(401, "unauthenticated", "send Authorization: Bearer <token>")


class StaffToken(HttpBearer):
    openapi_description = "Authorization: Bearer <token> (a staff member's API token)"

    def authenticate(self, request, token):
        return token_user(request)


class SearchFilters(Schema):
    q: Text = Field("", description="a name, as the family remembers it; may include a year")
    limit: int = Field(10, ge=1, le=MAX_SEARCH_LIMIT, description="results")
    born_from: Year = Field(None, description="born in or after this year")
    born_to: Year = Field(None, description="born in or before this year")
    source: Text = Field("", description="only persons with a record in this source (name)")
    camp: Text = Field("", description="only persons with an event at this place (key or name)")
    event: schemas.EventTypeName = Field(None, description="persons with such an event")
    text: Text = Field("", description="words searched in notes and sentence texts")


@api.get(
    "/search",
    response={200: schemas.SearchResponse, 429: schemas.Error, **ERRORS},
    exclude_none=True,
    summary="Search persons",
    url_name="api-search",
)
@json_rate_limited("search")
def search_api(request, filters: Query[SearchFilters]):
    """Persons matching a name written any way (any script, declined, transliterated), best
    first, each with the reasons for the match. Give q or at least one filter."""
    found = Filters(
        birth_from=filters.born_from, birth_to=filters.born_to, source=filters.source.strip(),
        camp=filters.camp.strip(), event_type=filters.event or "", text=filters.text.strip(),
    )  # fmt: skip
    query = filters.q.strip()
    if not query and found == Filters():
        raise ApiError(400, "missing_query", "give q= (a name) or a filter")
    return search(query, limit=filters.limit, filters=found).as_json()


class PersonFilters(Paging):
    born_from: Year = Field(None, description="born in or after this year")
    born_to: Year = Field(None, description="born in or before this year")
    source: Text = Field("", description="only persons with a public record in this source")
    synthetic: bool = Field(None, description="only generated (true) or real (false)")


@api.get("/persons", response={200: schemas.PersonPage, **ERRORS}, summary="List persons",
         url_name="api-persons")  # fmt: skip
def person_list(request, filters: Query[PersonFilters]):
    """Public persons in id order (merged-away and private persons are left out)."""
    persons = Person.objects.public()
    if filters.born_from is not None:
        persons = persons.filter(birth_year__gte=filters.born_from)
    if filters.born_to is not None:
        persons = persons.filter(birth_year__lte=filters.born_to)
    if filters.synthetic is not None:
        persons = persons.filter(is_synthetic=filters.synthetic)
    if filters.source.strip():
        mine = Record.objects.public().filter(
            person=OuterRef("pk"), source__name=filters.source.strip()
        )
        persons = persons.filter(Exists(mine))
    return paged(request, filters, persons.order_by("pk"), serializers.person_item)


@api.get(
    "/persons/{person_id}",
    response={200: schemas.PersonDetail, 302: schemas.MergedPerson, **ERRORS},
    summary="Get a person",
    url_name="api-person",
)
def person_detail(request, person_id: Id):
    """A public person: names, events with citations, records, sources, relatives and the
    schema.org JSON-LD. A person merged into another answers 302 with its Location."""
    person = queries.public_person(person_id)
    if person is None:
        # As on the site: a merged-away person's address leads to the person her public
        # records joined (302, not 301: a merge can be undone).
        final = redirect_target(person_id)
        if final is None:
            raise ApiError(404, "not_found", f"no public person {person_id}")
        location = reverse("api:api-person", args=[final])
        response = api.create_response(
            request, {"merged_into": final, "location": location}, status=302
        )
        response["Location"] = location
        return response
    base_url = f"{request.scheme}://{request.get_host()}"
    page = queries.person_page(person)
    return serializers.person_detail(page, person_jsonld(person, base_url, page))


class SourceFilters(Paging):
    kind: schemas.SourceKindName = Field(None, description="only sources of this kind")
    synthetic: bool = Field(None, description="generated sources instead of real ones")


@api.get("/sources", response={200: schemas.SourcePage, **ERRORS}, summary="List sources")
def source_list(request, filters: Query[SourceFilters]):
    """Sources in id order: real ones, or generated ones with synthetic=true."""
    # As on the site's list: generated sources only when asked for.
    sources = Source.objects.filter(is_synthetic=bool(filters.synthetic))
    if filters.kind:
        sources = sources.filter(kind=filters.kind)
    return paged(request, filters, sources.order_by("pk"), serializers.source_item)


@api.get("/sources/{source_id}", response={200: schemas.SourceDetail, **ERRORS},
         summary="Get a source")  # fmt: skip
def source_detail(request, source_id: Id):
    """A source with its citation, rights and how many public records it holds."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        raise ApiError(404, "not_found", f"no source {source_id}")
    count = Record.objects.public().filter(source=source).count()
    return serializers.source_detail(source, count)


class EventFilters(Paging):
    type: schemas.EventTypeName = Field(None, description="only events of this type")
    date_from: PartialDate = Field(None, description="events that may be on or after this date")
    date_to: PartialDate = Field(None, description="events that may be on or before this date")
    source: Text = Field("", description="only events recorded by this source (name)")
    person: int = Field(None, ge=1, le=INT64_MAX, description="one person's events")


@api.get("/events", response={200: schemas.EventPage, **ERRORS}, summary="List events")
def event_list(request, filters: Query[EventFilters]):
    """Public events in id order. A date range keeps events whose dates may fall in it."""
    events = Event.objects.public()
    if filters.type:
        events = events.filter(type=filters.type)
    if filters.date_from:
        events = events.filter(date_upper__gte=partial_date(filters.date_from, end=False))
    if filters.date_to:
        events = events.filter(date_lower__lte=partial_date(filters.date_to, end=True))
    if filters.source.strip():
        events = events.filter(record__source__name=filters.source.strip())
    if filters.person is not None:
        events = events.filter(record__person_id=filters.person)
    events = events.select_related("place", "origin", "record__source").order_by("pk")
    return paged(request, filters, events, serializers.event_item)


class StatsFilters(Schema):
    source: list[Text] = Field([], description="count only these sources (repeat it)")
    synthetic: bool = Field(None, description="count generated sources instead")


@api.get("/stats", response={200: schemas.Stats, **ERRORS}, summary="Statistics")
def stats(request, filters: Query[StatsFilters]):
    """The statistics report: public records of real sources, every number a count of
    distinct persons."""
    sources = tuple(sorted({s.strip() for s in filters.source if s.strip()}))
    return build_report(Scope(synthetic=bool(filters.synthetic), sources=sources)).as_json()


@api.post(
    "/proposals/{proposal_id}/decision",
    auth=StaffToken(),
    response={200: schemas.DecisionResult, 401: schemas.Error, 403: schemas.Error,
              409: schemas.Error, **ERRORS},
    summary="Decide a duplicate proposal",
)  # fmt: skip
def proposal_decision(request, proposal_id: Id, decision: schemas.Decision):
    """An archivist's verdict on a proposed pair of records: same merges the two persons,
    different keeps them apart, later leaves the pair in the queue. Needs a token of a user who
    may review duplicates; logged and undoable. A session cookie is ignored here."""
    user = request.auth
    if not user.has_perm(REVIEW):
        raise ApiError(403, "forbidden", "this token's user may not review duplicates")
    proposal = MatchProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        raise ApiError(404, "not_found", f"no proposal {proposal_id}")
    try:
        entry = actions.do_decide_match(proposal, decision.verdict, user.get_username())
    except actions.ActionError as error:
        raise ApiError(409, "refused", str(error)) from None
    proposal.refresh_from_db()
    return {
        "proposal": {
            "id": proposal.pk,
            "status": proposal.status,
            "deferred": proposal.deferred,
            "decided_by": proposal.decided_by,
        },
        "audit_entry": entry.pk,
    }
