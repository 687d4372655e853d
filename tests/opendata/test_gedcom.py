"""GEDCOM 7 out, read back with the `gedcom7` library; GEDCOM 7 and 5.5.1 in as a new source."""

from collections import Counter

import gedcom7
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alzhir.opendata.gedcom import export_gedcom
from alzhir.opendata.gedcom_dates import edtf_to_gedcom, gedcom_to_edtf
from alzhir.opendata.gedcom_import import GedcomRefused, import_gedcom
from alzhir.registry.models import Event, Name, Person, Record, Relationship, Source


@pytest.mark.parametrize(
    ("edtf", "gedcom", "exact"),
    [
        ("1938-02-02", "2 FEB 1938", True),
        ("1938-02", "FEB 1938", True),
        ("1938", "1938", True),
        ("1938~", "ABT 1938", False),
        ("1902?", "ABT 1902", False),
        ("193X", "BET 1930 AND 1939", True),
        ("1937/1938", "BET 1937 AND 1938", True),
        ("../1940", "BEF 1940", True),
        ("1945-10-24/..", "AFT 24 OCT 1945", True),
        ("[1937,1938]", "", False),
    ],
)
def test_edtf_dates_become_gedcom_dates(edtf, gedcom, exact):
    assert edtf_to_gedcom(edtf) == (gedcom, exact)


@given(st.dates(), st.sampled_from(["day", "month", "year"]), st.sampled_from(["", "~"]))
def test_a_date_goes_to_gedcom_and_back(day, precision, qualifier):
    edtf = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}
    edtf = edtf[precision] + qualifier
    assert gedcom_to_edtf(edtf_to_gedcom(edtf)[0]) == (edtf, "gregorian")


def _parse(path):
    with path.open("rb") as stream:
        records = gedcom7.load(stream)
    assert gedcom7.validate(records) == []
    return records


def _indi_names(indi):
    for name in (c for c in indi.children if c.tag == "NAME"):
        yield name.text.replace("/", "")
        yield from (t.text.replace("/", "") for t in name.children if t.tag == "TRAN")


def _norm(text):
    """The words of a name in any order: GEDCOM writes the surname last."""
    return tuple(sorted(text.replace("/", " ").split()))


def test_export_read_back_has_every_person_name_event_and_family(demo, tmp_path):
    path = tmp_path / "registry.ged"
    export_gedcom(path)
    records = _parse(path)
    head = records[0]
    assert [c.text for g in head.children if g.tag == "GEDC" for c in g.children] == ["7.0"]
    individuals = {r.xref: r for r in records if r.tag == "INDI"}
    public = Person.objects.public()
    assert set(individuals) == {f"@I{p.pk}@" for p in public}
    for person in public:
        indi = individuals[f"@I{person.pk}@"]
        names = {
            _norm(n.full_text)
            for n in Name.objects.public().filter(record__person=person)
        }
        assert names <= set(map(_norm, _indi_names(indi))), person
        events = Event.objects.public().filter(record__person=person)
        written = [c for c in indi.children if c.tag in ("BIRT", "DEAT", "EVEN")]
        assert len(written) == events.count()
        camp = [c for c in written if c.tag == "EVEN"]
        assert all(any(t.tag == "TYPE" for t in c.children) for c in camp)
    families = [r for r in records if r.tag == "FAM"]
    members = Counter()
    for family in families:
        partners = {c.pointer for c in family.children if c.tag in ("HUSB", "WIFE")}
        for child in (c.pointer for c in family.children if c.tag == "CHIL"):
            members.update((p, child) for p in partners)
        if len(partners) == 2:
            members[tuple(sorted(partners))] += 1
    for link in Relationship.objects.public():
        a, b = f"@I{link.a_id}@", f"@I{link.b_id}@"
        pair = tuple(sorted((a, b))) if link.type == "spouse" else (a, b)
        if link.type in ("mother", "father", "spouse"):
            assert bool(members[pair]) == (link.status == "confirmed"), link.type


def test_dates_carry_the_source_text_as_phrase(demo, tmp_path):
    path = tmp_path / "registry.ged"
    export_gedcom(path)
    text = path.read_text(encoding="utf-8")
    assert "2 DATE ABT 1938\n3 PHRASE six months later (after July 1937)\n" in text


def test_own_export_comes_back_as_a_new_source_kept_as_written(demo, tmp_path):
    path = tmp_path / "registry.ged"
    export_gedcom(path)
    public = Person.objects.public().count()
    counts = import_gedcom(path, "family-tree")
    records = Record.objects.filter(source__name="family-tree")
    assert records.count() == counts["individuals"] == public
    record = records.order_by("pk").first()
    assert record.original["gedcom"] in path.read_text(encoding="utf-8")
    assert Source.objects.get(name="family-tree").kind == "gedcom"
    proposed = Relationship.objects.filter(a__records__source__name="family-tree")
    assert proposed.exists() and set(proposed.values_list("status", flat=True)) == {"proposed"}


GEDCOM_551 = """0 HEAD
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR ANSI
0 @i1@ INDI
1 NAME Рахиль Михайловна /Плисецкая/
2 GIVN Рахиль Михайловна
1 SEX F
1 BIRT
2 DATE @#DJULIAN@ 12 FEB 1902
2 PLAC Вильно
1 EVEN Прибыла в Акмолинское ЛО из Бутырской тю
2 CONC рьмы
2 TYPE arrival in camp
2 DATE ABT MAR 1938
1 FAMS @f-1@
0 @i2@ INDI
1 NAME Майя /Плисецкая/
1 SEX F
1 FAMC @f-1@
0 @f-1@ FAM
1 WIFE @i1@
1 CHIL @i2@
0 TRLR
"""


def test_a_gedcom_551_file_in_a_windows_code_page(db, tmp_path):
    path = tmp_path / "old.ged"
    path.write_bytes(GEDCOM_551.encode("cp1251"))
    assert import_gedcom(path, "old-tree") == {"individuals": 2, "relationships": 1}
    rachel = Record.objects.get(source__name="old-tree", record_id="i1")
    assert rachel.original["gedcom"].startswith("0 @i1@ INDI\n1 NAME Рахиль")
    name = rachel.names.get()
    assert (name.surname, name.given_name, name.patronymic) == ("Плисецкая", "Рахиль", "Михайловна")
    birth = rachel.events.get(type="birth")
    assert (birth.date_edtf, birth.calendar) == ("1902-02-25", "julian")
    arrival = rachel.events.get(type="camp_arrival")
    assert arrival.date_edtf == "1938-03~"
    assert "Бутырской тюрьмы" in arrival.text
    link = Relationship.objects.get()
    assert (link.type, link.a_id, link.b.records.get().record_id) == (
        "mother",
        rachel.person_id,
        "i2",
    )


def test_a_broken_file_is_refused_with_its_line_and_nothing_is_written(db, tmp_path):
    path = tmp_path / "broken.ged"
    path.write_text(GEDCOM_551.replace("2 PLAC Вильно", "4 PLAC Вильно"), encoding="utf-8")
    with pytest.raises(GedcomRefused) as refused:
        import_gedcom(path, "broken")
    assert refused.value.problem.line == 12 and "level" in refused.value.problem.reason
    assert not Record.objects.exists() and not Source.objects.exists()


@pytest.mark.slow
def test_real_list_as_gedcom(algir_registry, tmp_path):
    path = tmp_path / "algir.ged"
    counts = export_gedcom(path)
    records = _parse(path)
    individuals = [r for r in records if r.tag == "INDI"]
    assert (
        len(individuals)
        == counts["individuals"]
        == Person.objects.public().count()
    )
    assert sum(1 for r in records if r.tag == "FAM") == counts["families"] >= 1
    events = sum(1 for i in individuals for c in i.children if c.tag in ("BIRT", "DEAT", "EVEN"))
    assert (
        events
        == Event.objects.public().count()
    )
