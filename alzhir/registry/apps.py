from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "alzhir.registry"
    label = "registry"
    verbose_name = "Registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from alzhir.registry.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)
