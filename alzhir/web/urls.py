"""Pages live under /ru/, /kk/ and /en/; an unprefixed page URL redirects to the visitor's
language (cookie, then Accept-Language). The JSON API and admin are not translated."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from alzhir.web import search_views, stats_views, views

urlpatterns = [
    path("api/search", search_views.search_api, name="api-search"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("wall/", views.wall, name="wall"),
    path("persons/<int:person_id>", views.person_detail, name="person"),
    path("search", search_views.search_page, name="search"),
    path("stats", stats_views.stats_page, name="stats"),
    path("stats/", include("alzhir.web.stats_views")),
    path("staff/", include("alzhir.web.staff_views")),
    path("accounts/", include("django.contrib.auth.urls")),
)
