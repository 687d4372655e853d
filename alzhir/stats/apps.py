from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "alzhir.stats"
    label = "stats"
    default_auto_field = "django.db.models.BigAutoField"
