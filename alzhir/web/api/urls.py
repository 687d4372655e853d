"""Included under "api/" (unprefixed: the API is not translated): the operations, their
OpenAPI document (openapi.json) and its page (docs), then a JSON 404 for anything else."""

from django.urls import path, re_path

from alzhir.web.api.http import not_found
from alzhir.web.api.views import api

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]
