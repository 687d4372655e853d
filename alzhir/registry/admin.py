from django.contrib import admin

from alzhir.registry import models


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "language", "is_synthetic", "created_at"]
    search_fields = ["name", "title"]


@admin.register(models.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["source", "file_name", "imported_count", "rejected_count", "created_at"]
    readonly_fields = [f.name for f in models.ImportBatch._meta.fields]


class NameInline(admin.TabularInline):
    model = models.Name
    extra = 0


class EventInline(admin.TabularInline):
    model = models.Event
    extra = 0
    raw_id_fields = ["place", "origin"]


@admin.register(models.Record)
class RecordAdmin(admin.ModelAdmin):
    """Records are evidence: readable here, changed only by actions (merge, split)."""

    list_display = ["__str__", "person", "birth_edtf"]
    list_select_related = ["source"]
    search_fields = ["record_id", "names__full_text"]
    raw_id_fields = ["person", "batch"]
    inlines = [NameInline, EventInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["id", "display_name", "birth_year", "sex", "is_private", "merged_into"]
    search_fields = ["display_name"]
    raw_id_fields = ["merged_into"]


@admin.register(models.Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "type", "wikidata"]
    search_fields = ["key", "name"]


@admin.register(models.Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["type", "a", "b", "status", "score"]
    list_filter = ["type", "status"]
    raw_id_fields = ["a", "b"]


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
