from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "alzhir.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from alzhir.registry.signals import (
            draft_preparers,
            persons_changed,
            persons_importing,
            persons_merged,
        )
        from alzhir.search.index import (
            PREPARED_AS,
            index_rows_of_draft,
            on_persons_changed,
            on_persons_importing,
            on_persons_merged,
        )

        persons_changed.connect(on_persons_changed, dispatch_uid="search-index")
        persons_importing.connect(on_persons_importing, dispatch_uid="search-index-imports")
        persons_merged.connect(on_persons_merged, dispatch_uid="search-index-merges")
        draft_preparers[PREPARED_AS] = index_rows_of_draft
