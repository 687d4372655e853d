"""docs/open-data.md describes the tables the archive really writes."""

from pathlib import Path

from alzhir.opendata.tables import markdown_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"


def test_the_documented_tables_are_the_archived_ones():
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Tables\n\n", 1)[1].split("\n## ", 1)[0]
    assert section.strip() == markdown_reference().strip(), (
        "regenerate the Tables section of docs/open-data.md from "
        "alzhir.opendata.tables.markdown_reference()"
    )
