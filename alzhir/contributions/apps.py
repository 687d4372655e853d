from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "alzhir.contributions"
    label = "contributions"
    verbose_name = _("Contributions from relatives")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from alzhir.registry.roles import ensure_roles

        # Django creates this app's permissions on its own post_migrate, after the registry's
        # has run: the roles are refreshed again once they exist.
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="contributions-roles")
