"""Where in a source a fact stands, as a reader can find it there: the section of an article, the
page of a book, the row or number of a list; never the registry's own keys, file paths or the
line of our working copy of a text ("§ Opening, line 19" names the section «Opening»)."""

import re

from django.utils.translation import gettext as _

from alzhir.registry.models import SourceKind

SECTION = re.compile(r"^§\s*(?P<section>.+?)(?:,\s*line\s+\d+)?\s*$")
WORKING_LINE = re.compile(r",?\s*\blines?\s+\d+(?:\s*[-–]\s*\d+)?\b", re.I)
# Sources whose record ids are their own numbering (a list's number, a case's page); an
# article's or a contribution's record ids are keys the registry made and mean nothing there.
NUMBERED_KINDS = {
    SourceKind.LIST, SourceKind.MEMORY_BOOK, SourceKind.DATABASE, SourceKind.ARCHIVAL_CASE
}


def citation_locator(locator: str) -> str:
    """A citation's locator for readers: «section "Opening"», or the locator without the line of
    a working copy."""
    locator = (locator or "").strip()
    if not locator:
        return ""
    section = SECTION.match(locator)
    if section:
        return _("section «%(section)s»") % {"section": section["section"].strip()}
    return WORKING_LINE.sub("", locator).strip(" ,;")


def record_locator(record) -> str:
    """Where a record stands in its source: its citation's locator, else its number in a list
    (or the row, when the list has no numbers of its own)."""
    for citation in getattr(record, "citations", ()):
        found = citation_locator(citation.locator)
        if found:
            return found
    if record.source.kind not in NUMBERED_KINDS:
        return ""
    if record.row_number is not None and record.record_id == str(record.row_number):
        return _("row %(row)s") % {"row": record.row_number}
    return _("№ %(number)s") % {"number": record.record_id}
