from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "alzhir.web"
    label = "web"
    verbose_name = "Memorial site"

    def ready(self):
        from alzhir.web import checks  # noqa: F401 (registers the deployment checks)
