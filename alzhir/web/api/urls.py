"""Included under "api/" (unprefixed: the API is not translated)."""

from django.urls import path, re_path

from alzhir.web.api import views
from alzhir.web.api.http import json_rate_limited

urlpatterns = [
    path("search", json_rate_limited("search")(views.search_api), name="api-search"),
    path("persons", views.person_list, name="api-persons"),
    path("persons/<str:person_id>", views.person_detail, name="api-person"),
    path("sources", views.source_list, name="api-sources"),
    path("sources/<str:source_id>", views.source_detail, name="api-source"),
    path("events", views.event_list, name="api-events"),
    path("stats", views.stats, name="api-stats"),
    path(
        "proposals/<str:proposal_id>/decision",
        views.proposal_decision,
        name="api-proposal-decision",
    ),
    path("openapi.json", views.openapi_document, name="api-openapi"),
    path("docs", views.docs, name="api-docs"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
