from django.contrib import admin
from django.urls import include, path

from alzhir.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("wall/", views.wall, name="wall"),
    path("persons/<int:person_id>", views.person_detail, name="person"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
