"""The Django admin, for reading only: every registry row (and every staff account) changes
through a named, audited action of alzhir.registry.actions, so here nothing can be added,
changed or deleted, and no audit entry or record can be made or removed around them."""

from django.contrib import admin
from django.contrib.auth.models import Group, User

from alzhir.contributions.models import Contribution
from alzhir.registry import models


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


@admin.register(models.Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "language", "is_synthetic", "created_at"]
    search_fields = ["name", "title"]


@admin.register(models.ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["source", "file_name", "imported_count", "rejected_count", "created_at"]


class NameInline(ReadOnly, admin.TabularInline):
    model = models.Name
    extra = 0


class EventInline(ReadOnly, admin.TabularInline):
    model = models.Event
    extra = 0


@admin.register(models.Record)
class RecordAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "person", "role", "is_private", "birth_edtf"]
    list_filter = ["role", "is_private"]
    list_select_related = ["source"]
    search_fields = ["record_id", "names__full_text"]
    inlines = [NameInline, EventInline]


@admin.register(models.Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["id", "display_name", "birth_year", "sex", "role", "merged_into"]
    list_filter = ["role"]
    search_fields = ["display_name"]


@admin.register(models.Place)
class PlaceAdmin(ReadOnlyAdmin):
    list_display = ["key", "name", "type", "wikidata"]
    search_fields = ["key", "name"]


@admin.register(models.Relationship)
class RelationshipAdmin(ReadOnlyAdmin):
    list_display = ["type", "a", "b", "status", "score"]
    list_filter = ["type", "status"]


@admin.register(models.PublishedFigure)
class PublishedFigureAdmin(ReadOnlyAdmin):
    list_display = ["key", "text", "claim", "source", "locator", "compared_with", "featured"]


@admin.register(models.MatchProposal)
class MatchProposalAdmin(ReadOnlyAdmin):
    list_display = ["record_a", "record_b", "score", "status", "decided_by"]
    list_filter = ["status"]


@admin.register(models.AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "undone_by"]
    list_filter = ["action"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "person", "status", "submitted_at", "decided_by"]
    list_filter = ["kind", "status"]


# Staff accounts are made and changed with `alzhir staff` (audited), not here.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffAdmin(ReadOnlyAdmin):
    list_display = ["username", "is_active", "last_login"]
    exclude = ["password"]
    filter_horizontal = []


@admin.register(Group)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ["name"]
