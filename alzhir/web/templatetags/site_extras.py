"""Template helpers for the site's frame (base.html)."""

from django import template
from django.utils.translation import get_language_from_path

register = template.Library()


@register.filter
def without_language(path: str) -> str:
    """/en/wall/?letter=A → /wall/?letter=A: after the language switch, the locale middleware
    sends the visitor to the same page in the language just chosen."""
    language = get_language_from_path(path)
    return path[len(language) + 1 :] if language else path
