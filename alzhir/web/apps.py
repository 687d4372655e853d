from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "alzhir.web"
    label = "web"
    verbose_name = "Memorial site"
