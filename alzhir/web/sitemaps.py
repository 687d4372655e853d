"""/sitemap.xml: every public page in every language, persons read through the visibility rule
(a private or merged-away person is in no sitemap). Django's sitemaps framework renders it; the
templates are the framework's own, kept here so the app need not be installed."""

from functools import partial

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, reverse

from alzhir.registry.models import Person, Source


class PageSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["home", "wall", "sources", "stats", "about", "method"]

    def location(self, item):
        return reverse(item)


class SourceSitemap(PageSitemap):
    def items(self):
        return Source.objects.filter(is_synthetic=False).order_by("pk").only("pk")

    def location(self, source):
        return reverse("source", args=[source.pk])


class PersonSitemap(PageSitemap):
    # Three languages a person: a sitemap file holds at most 50,000 addresses.
    limit = 15_000

    def items(self):
        return Person.objects.public().filter(is_synthetic=False).order_by("pk").only("pk")

    def location(self, person):
        return reverse("person", args=[person.pk])


SITEMAPS = {"pages": PageSitemap, "sources": SourceSitemap, "persons": PersonSitemap}

urlpatterns = [
    path(
        "sitemap.xml",
        partial(sitemap_views.index, template_name="alzhir/sitemap_index.xml"),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        partial(sitemap_views.sitemap, template_name="alzhir/sitemap.xml"),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
