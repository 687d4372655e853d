from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "alzhir.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from alzhir.registry.signals import persons_changed
        from alzhir.search.index import on_persons_changed

        persons_changed.connect(on_persons_changed, dispatch_uid="search-index")
