"""GEDCOM import in memory that follows the records, not the file's longest line, and a
family that names one person twice refused with a message."""

import json
import os
import subprocess
import sys

import pytest

from alzhir.opendata.gedcom_import import GedcomRefused, import_gedcom
from alzhir.registry.models import Record, Source

FAMILY = """0 HEAD
1 GEDC
2 VERS 7.0
0 @I1@ INDI
1 NAME Рахиль /Плисецкая/
1 SEX F
1 NOTE {note}
0 @I2@ INDI
1 NAME Майя /Плисецкая/
1 SEX F
0 @F1@ FAM
1 WIFE @I1@
1 CHIL {child}
0 TRLR
"""

MEASURE = """
import json, os, resource, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "alzhir.web.settings"
import django
django.setup()
from alzhir.opendata.gedcom_import import _Reading
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
records = [(s.tag, len(s.children[-1].text)) for _, s in _Reading(sys.argv[1]).records()]
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"records": records, "grew_mb": (after - before) / 1024}))
"""


def test_a_ten_megabyte_line_costs_megabytes_not_gigabytes(tmp_path):
    """gedcom7 holds ~360 bytes per character of a line in its pattern: a 10 MB NOTE took
    3.96 GB. Read record by record, with long payloads set aside, it costs a few copies."""
    path = tmp_path / "long-note.ged"
    note = "Воспоминания дочери. " * 500_000  # 10.5 MB of text, on one line
    path.write_text(FAMILY.format(note=note, child="@I2@"), encoding="utf-8")
    env = dict(os.environ, ALZHIR_DATABASE_URL="sqlite:///:memory:")
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], env=env,
                            capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
    measured = json.loads(result.stdout)
    assert measured["records"][0] == ["INDI", len(note)]
    assert measured["grew_mb"] < 250  # the 10.5 MB line in UTF-8 and as text, a few times


@pytest.mark.django_db
def test_the_long_note_is_kept_whole(tmp_path):
    path = tmp_path / "long-note.ged"
    note = "Прибыла в Акмолинское ЛО. " * 100
    path.write_text(FAMILY.format(note=note.strip(), child="@I2@"), encoding="utf-8")
    assert import_gedcom(path, "family-tree") == {"individuals": 2, "relationships": 1}
    rachel = Record.objects.get(source__name="family-tree", record_id="I1")
    assert note.strip() in rachel.original["gedcom"]


@pytest.mark.django_db
def test_a_woman_who_is_wife_and_child_of_one_family_is_refused(tmp_path):
    path = tmp_path / "loop.ged"
    path.write_text(FAMILY.format(note="-", child="@I1@"), encoding="utf-8")
    with pytest.raises(GedcomRefused) as refused:
        import_gedcom(path, "family-tree")
    problem = refused.value.problem
    assert problem.line == 11
    assert "family @F1@ names @I1@ both as WIFE and as CHIL" in problem.reason
    assert not Source.objects.exists() and not Record.objects.exists()


@pytest.mark.django_db
def test_a_record_defined_twice_is_refused(tmp_path):
    path = tmp_path / "twice.ged"
    text = FAMILY.format(note="-", child="@I2@").replace("0 @I2@ INDI", "0 @I1@ INDI")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GedcomRefused, match="@I1@ is defined twice"):
        import_gedcom(path, "family-tree")
