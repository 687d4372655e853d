from django.contrib import admin
from django.urls import include, path

from alzhir.web import search_views, stats_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("wall/", views.wall, name="wall"),
    path("persons/<int:person_id>", views.person_detail, name="person"),
    path("stats", stats_views.stats_page, name="stats"),
    path("stats/", include("alzhir.web.stats_views")),
    path("search", search_views.search_page),
    path("api/search", search_views.search_api),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
