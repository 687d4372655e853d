"""Pages live under /ru/, /kk/ and /en/; an unprefixed page URL redirects to the visitor's
language (cookie, then Accept-Language). The JSON API and admin are not translated."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from alzhir.web import (
    contribution_views,
    map_views,
    page_views,
    search_views,
    stats_views,
    views,
)

urlpatterns = [
    path("", include("alzhir.web.sitemaps")),
    path("api/", include("alzhir.web.api.urls")),
    path("photos/<int:contribution_id>", contribution_views.photo, name="contribution-photo"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", page_views.home, name="home"),
    path("about", page_views.about, name="about"),
    path("method", page_views.method, name="method"),
    path("wall/", views.wall, name="wall"),
    path("persons/<int:person_id>", views.person_detail, name="person"),
    # The address JSON-LD and open data give a person (alzhir.opendata.jsonld.person_url).
    path("persons/<int:person_id>/", RedirectView.as_view(pattern_name="person", permanent=True)),
    path("", include("alzhir.web.contribution_views")),
    path("sources/", page_views.source_list, name="sources"),
    path("sources/<int:source_id>", page_views.source_detail, name="source"),
    path("search", search_views.search_page, name="search"),
    path("stats", stats_views.stats_page, name="stats"),
    path("map", map_views.map_page, name="map"),
    path("stats/", include("alzhir.web.stats_views")),
    path("staff/", include("alzhir.web.staff_views")),
    path("staff/", include("alzhir.web.moderation_views")),
    path("staff/", include("alzhir.web.date_review_views")),
    path("accounts/", include("django.contrib.auth.urls")),
)

handler400 = "alzhir.web.errors.bad_request"
handler403 = "alzhir.web.errors.permission_denied"
handler404 = "alzhir.web.errors.not_found"
handler500 = "alzhir.web.errors.server_error"
