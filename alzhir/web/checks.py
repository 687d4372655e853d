"""Deployment checks of our own, beside Django's (`check --deploy`, and `alzhir serve
--production`, which refuses to start while any deployment check fails)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def secret_key_from_environment(app_configs, **kwargs):
    if settings.DEBUG or settings.ALZHIR_SECRET_KEY_FROM_ENVIRONMENT:
        return []
    return [
        checks.Error(
            "ALZHIR_SECRET_KEY is not set: each process makes up a random key, so sessions do "
            "not survive a restart and gunicorn's workers do not share sign-ins.",
            hint="Set ALZHIR_SECRET_KEY to 50 or more random characters, e.g. from "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
            id="alzhir.E001",
        )
    ]
