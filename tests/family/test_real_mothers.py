"""Synthetic orphanage lists and executed husbands for real mothers of the ALZHIR list: the
model on women it was not calibrated on (even rows), every woman of the list a candidate."""

import pytest

from alzhir.family.linker import person_key, propose_links, record_from_fields
from alzhir.family.synthetic import (
    HUSBANDS_SOURCE,
    ORPHANAGE_SOURCE,
    Generator,
    read_real_list,
    same_person_keys,
    women_of,
)


@pytest.fixture(scope="module")
def run(algir_csv):
    real = read_real_list(algir_csv)
    persons = same_person_keys(real)
    everyone = women_of(real, persons)
    even = [w for w in everyone if int(w.key.split(":")[1]) % 2 == 0][:600]
    families = Generator(even, seed=7, everyone=everyone).generate()
    records = [record_from_fields("algir", f, persons[f"algir:{f['record_id']}"]) for f in real]
    records += [record_from_fields(ORPHANAGE_SOURCE, f) for f in families.orphanage_rows]
    records += [record_from_fields(HUSBANDS_SOURCE, f) for f in families.husband_rows]
    proposals = propose_links(records)
    return families, proposals


def test_generated_lists_are_marked_synthetic(run):
    assert ORPHANAGE_SOURCE.startswith("synthetic-") and HUSBANDS_SOURCE.startswith("synthetic-")


def test_named_mothers_are_found_renamed_or_not(run):
    families, proposals = run
    found = {person_key(p) for p in proposals if p.type == "mother" and p.score >= 0.5}
    named = {t for t in families.truth if t[0] == "mother" and families.naming[t[2]] != "none"}
    named_found = {k for k in found if families.naming.get(k[2], "none") != "none"}
    assert len(named & found) >= 0.98 * len(named)
    assert len(named_found & named) >= 0.99 * len(named_found)
    renamed = {t for t in named if t[2] in families.renamed}
    assert renamed and len(renamed & found) >= 0.97 * len(renamed)


def test_unnamed_mothers_of_renamed_children_are_never_proposed(run):
    families, proposals = run
    unnamed_renamed = {
        c for c, how in families.naming.items() if how == "none" and c in families.renamed
    }
    assert unnamed_renamed
    assert not [
        p for p in proposals if p.type == "mother" and p.b.key in unnamed_renamed and p.score >= 0.5
    ]


def test_husbands_are_found_with_few_wrong_wives(run):
    families, proposals = run
    found = {person_key(p) for p in proposals if p.type == "spouse" and p.score >= 0.5}
    found = {k for k in found if HUSBANDS_SOURCE in k[1] + k[2]}
    true = {t for t in families.truth if t[0] == "spouse"}
    assert len(found & true) >= 0.98 * len(found)
    assert len(found & true) >= 0.75 * len(true)
