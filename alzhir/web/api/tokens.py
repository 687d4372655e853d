"""Issuing and checking API tokens (`Authorization: Bearer <token>`)."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.utils import timezone

from alzhir.web.api.models import ApiToken


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(username: str, name: str) -> str:
    """A new token for a staff user; shown once, only its digest is kept."""
    user = get_user_model().objects.get(username=username)
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, digest=_digest(token))
    return token


def token_user(request):
    """The active user whose token the request carries, or None (no token, unknown, inactive)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    found = ApiToken.objects.select_related("user").filter(digest=_digest(token.strip())).first()
    if found is None or not found.user.is_active:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user
