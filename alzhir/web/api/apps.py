from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "alzhir.web.api"
    label = "api"
    verbose_name = "JSON API"
