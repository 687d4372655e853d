"""API tokens (`Authorization: Bearer <token>`): listed and checked here; issued and revoked by
the audited actions do_issue_token and do_revoke_token of alzhir.registry.actions."""

from django.utils import timezone

from alzhir.web.api.models import ApiToken


def listed_tokens(username: str | None = None):
    """Every token (of one user), newest first; the digest is never shown."""
    tokens = ApiToken.objects.select_related("user").order_by("-created_at", "-pk")
    return tokens.filter(user__username=username) if username else tokens


def token_user(request):
    """The active user whose valid token the request carries, or None (no token, unknown,
    expired, revoked, inactive user)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    found = ApiToken.objects.select_related("user").filter(
        digest=ApiToken.digest_of(token.strip()), revoked_at=None, expires_at__gt=timezone.now()
    )
    found = found.first()
    if found is None or not found.user.is_active:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user
