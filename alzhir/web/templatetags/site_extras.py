"""Template helpers for the site's frame (base.html) and its numbers and reasons."""

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language_from_path

from alzhir.registry.models import Role
from alzhir.stats.published import share_text
from alzhir.web import reasons
from alzhir.web.date_words import date_alone

register = template.Library()


@register.filter
def without_language(path: str) -> str:
    """/en/wall/?letter=A → /wall/?letter=A: after the language switch, the locale middleware
    sends the visitor to the same page in the language just chosen."""
    language = get_language_from_path(path)
    return path[len(language) + 1 :] if language else path


@register.simple_tag
def languages() -> list[tuple[str, str]]:
    """Each language named in itself ("English", «Русский», «Қазақша»), never translated into
    the page's: a reader looks for her own language's name."""
    return list(settings.LANGUAGES)


@register.filter
def num(value) -> str:
    """A count with the language's thousands separator: «20 000» in Russian and Kazakh,
    "20,000" in English. Years are not counts: they never pass through here."""
    if value in (None, ""):
        return ""
    return number_format(value, force_grouping=True)


@register.simple_tag
def share(part, whole) -> str:
    return share_text(part or 0, whole or 0)


@register.filter
def role_label(role: str) -> str:
    """A record's or person's role (DESIGN.md, Role) in the page's language."""
    return str(Role(role).label)


@register.filter
def say(reason) -> str:
    """A search reason in the page's language (alzhir.web.reasons)."""
    return reasons.say(reason)


@register.filter
def explained(line) -> dict:
    """A line of a match explanation as {field, level, strength, weight} in words."""
    return reasons.explanation_line(line)


@register.filter
def edtf(value: str) -> str:
    """An EDTF date in the page's words («около 1938», «1897 или 1898»)."""
    return date_alone(value)
