"""API tokens for staff scripts: issued and revoked as named actions, each with its audit row
in the same transaction. Reading and checking tokens is alzhir.web.api.tokens'."""

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from alzhir.registry.actions.base import ActionError, audit, declare
from alzhir.web.api.models import ApiToken

DEFAULT_LIFETIME_DAYS = 90
MAX_LIFETIME_DAYS = 366

declare("issue_api_token", "api.add_apitoken", "not undone: revoke the token instead")
declare("revoke_api_token", "api.change_apitoken", "not undone: issue a new token")


@transaction.atomic
def do_issue_token(
    username: str, name: str, actor: str, days: int = DEFAULT_LIFETIME_DAYS
) -> tuple[ApiToken, str]:
    """A new token for an active user, valid for `days` (what it may do is what the user's
    roles allow); the token itself is returned
    once, only its digest is kept."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.is_active:
        raise ActionError(f"no active user {username!r}")
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        raise ActionError(f"a token lives from 1 to {MAX_LIFETIME_DAYS} days, not {days}")
    if not name.strip():
        raise ActionError("say what the token is for (a name such as 'review script')")
    token = secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=days)
    issued = ApiToken.objects.create(
        user=user, name=name.strip(), digest=ApiToken.digest_of(token), expires_at=expires
    )
    new = {"user": username, "name": issued.name, "expires_at": expires.isoformat()}
    audit(actor, "issue_api_token", "api_token", issued.pk, new=new)
    return issued, token


@transaction.atomic
def do_revoke_token(token_id: int, actor: str, reason: str = "") -> ApiToken:
    """Stop a token from working, now; the row stays, for the audit trail."""
    token = ApiToken.objects.select_for_update().select_related("user").filter(pk=token_id)
    token = token.first()
    if token is None:
        raise ActionError(f"no API token {token_id}")
    if token.revoked_at is not None:
        raise ActionError(f"API token {token_id} was already revoked by {token.revoked_by}")
    token.revoked_at, token.revoked_by = timezone.now(), actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    old = {"user": token.user.get_username(), "name": token.name}
    audit(actor, "revoke_api_token", "api_token", token.pk, old=old, reason=reason)
    return token
