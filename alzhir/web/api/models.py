"""API tokens for staff writes. Only a digest of each token is stored: a leaked database does
not leak working tokens. A token works until it expires or is revoked, whichever comes first."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="what the token is for, e.g. a script")
    digest = models.CharField(max_length=64, unique=True, help_text="sha256 of the token")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(help_text="the token stops working at this moment")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=150, blank=True)

    def __str__(self):
        return f"{self.user} – {self.name}"

    @staticmethod
    def digest_of(token: str) -> str:
        """What is kept of a token: its SHA-256, never the token."""
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
