"""A sentence's term in the page's language: «к 8 годам ИТЛ» and "8 years" both read as
8 years (in a labour camp), said with the language's plural; a term that is not a number of
years or months is shown as the source wrote it."""

import re

from django.utils.translation import pgettext

from alzhir.stats.aggregates import term_label, term_parts

CAMP = re.compile(r"ИТЛ|лагер|camp|ITL", re.I)
EXILE = re.compile(r"ссылк|высылк|exile", re.I)


def term_words(text: str) -> str:
    text = (text or "").strip()
    parts = term_parts(text) if text else None
    if parts is None or parts == (0, 0):
        return text
    label = term_label(*parts)
    if CAMP.search(text):
        return pgettext("term", "%(term)s in a labour camp (ITL)") % {"term": label}
    if EXILE.search(text):
        return pgettext("term", "%(term)s of exile") % {"term": label}
    return label
