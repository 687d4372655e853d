"""Family links on synthetic relatives of real ALZHIR prisoners, beside two naive baselines.

    .venv/bin/python -m bench.family_bench [--real ../shared/data/alzhir/algir.csv] [--seed 2]
    .venv/bin/python -m bench.family_bench --structured [--families 300] [--seed 21]

`--structured`: a family-structured list (alzhir.family.synthetic_lists: whole families, each
person's relatives in a `relatives` column) scored with the relatives' text and without it,
beside the
plain patronymic rule (same folded surname and patronymic, born within 25 years: siblings; a
child's patronymic from a man's given name, 15–60 years older: father). Truth is what the list
states, as on a real list (a lower bound on precision); precision against every true link of
the generated families is shown beside it.

Children (orphanage list, about a quarter renamed; the mother named in full, by initials,
without patronymic or not at all) and executed husbands are generated for the women on the
even rows of the real list; the model was calibrated on the odd rows (alzhir.family.calibrate).
Everything runs on the same records in one process: the model (alzhir.family.linker), the
baseline "surname + age rule" and the baseline "Jaro–Winkler on the named mother + age rule".
Links inside the real list have no known truth and are counted apart.
"""

import argparse
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

from alzhir.family.calibrate import labelled_records
from alzhir.family.features import surname_alone
from alzhir.family.linker import SYMMETRIC, propose_links, record_from_fields
from alzhir.family.model import thresholds
from alzhir.names import given_name_group, patronymic_to_father

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "alzhir" / "algir.csv"
JW_THRESHOLD = 0.9
NAMED_ROLES = {"mother": "mother", "spouse": "spouse"}


def _age_ok(type_, a, b) -> bool:
    if a.birth_year is None or b.birth_year is None:
        return False
    gap = b.birth_year - a.birth_year
    return 14 <= gap <= 50 if type_ == "mother" else abs(gap) <= 15


def _pair(type_, a, b):
    a, b = a.person, b.person
    if type_ in SYMMETRIC and b < a:
        a, b = b, a
    return (type_, a, b)


def baseline_surname_age(records) -> set:
    """Every woman of the real list with the child's (or husband's) gender-folded surname whose
    age fits: the mother or wife."""
    women = defaultdict(list)
    for r in records:
        if r.key.startswith("algir:"):
            for key in r.surname_keys:
                women[key].append(r)
    links = set()
    for r in records:
        if r.key.startswith("algir:"):
            continue
        type_ = "spouse" if r.key.startswith("synthetic-executed") else "mother"
        for key in r.surname_keys:
            for woman in women.get(key, ()):
                a, b = (woman, r) if type_ == "mother" else (r, woman)
                if _age_ok(type_, woman, r) if type_ == "mother" else _age_ok(type_, a, b):
                    links.add(_pair(type_, a, b))
    return links


def baseline_named_jw(records) -> set:
    """Women of the real list whose full name is Jaro–Winkler ≥ 0.9 to the named mother or wife,
    with the age rule."""
    women = [r for r in records if r.key.startswith("algir:") and r.names]
    by_initial = defaultdict(list)
    for woman in women:
        by_initial[woman.names[0].surname[:1].casefold()].append(woman)
    links = set()
    for r in records:
        if r.key.startswith("algir:"):
            continue
        for mention in r.mentions:
            if mention.role not in NAMED_ROLES:
                continue
            named = mention.name.casefold()
            for woman in by_initial.get(named[:1], ()):
                full = " ".join(
                    p
                    for p in (
                        woman.names[0].surname,
                        woman.names[0].given,
                        woman.names[0].patronymic,
                    )
                    if p
                ).casefold()
                if JaroWinkler.normalized_similarity(named, full) < JW_THRESHOLD:
                    continue
                a, b = (woman, r) if mention.role == "mother" else (r, woman)
                if _age_ok(mention.role, woman, r) if mention.role == "mother" else True:
                    links.add(_pair(mention.role, a, b))
    return links


def through_registry(real_path: Path, families) -> tuple[set, float]:
    """The same lists imported into a scratch registry; links read back from the export."""
    import os
    import tempfile

    workdir = Path(tempfile.mkdtemp(prefix="family-bench-"))
    os.environ["ALZHIR_DATABASE_URL"] = f"sqlite:///{workdir / 'registry.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from alzhir.family.registry import run_family
    from alzhir.family.synthetic import (
        HUSBANDS_SOURCE,
        ORPHANAGE_SOURCE,
        read_real_list,
        same_person_keys,
        write_csv,
    )
    from alzhir.ingest.importer import import_file
    from alzhir.registry.relationship_exports import relationship_rows

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    import_file(real_path, source_name="algir", profile="memorial", progress=False)
    for source, rows in ((ORPHANAGE_SOURCE, families.orphanage_rows),
                         (HUSBANDS_SOURCE, families.husband_rows)):  # fmt: skip
        path = write_csv(rows, workdir / f"{source}.csv")
        import_file(path, source_name=source, synthetic=True, progress=False)
    print(run_family(progress=False).text())
    person = same_person_keys(read_real_list(real_path))
    links = set()
    for row in relationship_rows():
        if row["status"] != "proposed" or row["score"] < thresholds()["propose"]:
            continue
        a, b = (f"{row[f'{s}_source']}:{row[f'{s}_record_id']}" for s in "ab")
        a, b = person.get(a, a), person.get(b, b)
        if row["type"] in SYMMETRIC and b < a:
            a, b = b, a
        links.add((row["type"], a, b))
    return links, time.perf_counter() - started


def precision_recall(found: set, truth: set, type_: str) -> tuple[float, float, int, int]:
    found = {p for p in found if p[0] == type_}
    truth = {p for p in truth if p[0] == type_}
    right = len(found & truth)
    return (
        right / len(found) if found else 1.0,
        right / len(truth) if truth else 1.0,
        len(found),
        len(truth),
    )


def patronymic_rule(records) -> set:
    """The plain rule a genealogist starts from: same folded surname; same patronymic and born
    within 25 years (siblings); a man whose given name is the patronymic, 15–60 years older
    (father)."""
    by_surname = defaultdict(list)
    for r in records:
        for key in r.surname_keys:
            by_surname[key].append(r)
    links = set()
    for block in by_surname.values():
        for x in block:
            for y in block:
                if x is y or x.birth_year is None or y.birth_year is None:
                    continue
                fathers_x = {patronymic_to_father(n.patronymic) for n in x.names if n.patronymic}
                fathers_y = {patronymic_to_father(n.patronymic) for n in y.names if n.patronymic}
                if fathers_x & fathers_y and abs(x.birth_year - y.birth_year) <= 25:
                    links.add(_pair("sibling", x, y))
                given = {given_name_group(n.given) for n in x.names if n.given}
                gap = y.birth_year - x.birth_year
                if x.sex == "M" and given & fathers_y and 15 <= gap <= 60:
                    links.add(_pair("father", x, y))
    return links


def structured(families: int, seed: int) -> int:
    from alzhir.family.synthetic_lists import family_list

    generated = family_list(families, seed)
    with_text = [record_from_fields("openlist", row) for row in generated.rows]
    without = [
        record_from_fields("openlist", {k: v for k, v in row.items() if k != "relatives"})
        for row in generated.rows
    ]
    stated = {(t, f"openlist:{a}", f"openlist:{b}") for t, a, b in generated.stated}
    true = {(t, f"openlist:{a}", f"openlist:{b}") for t, a, b in generated.true}
    print(
        f"records: {len(generated.rows)} (synthetic families); links the list states: "
        + ", ".join(f"{t} {sum(1 for p in stated if p[0] == t)}" for t in TYPES)
        + f"; true links among listed persons: {len(true)}"
    )
    cut = thresholds()["propose"]
    runs = []
    for label, records in (("model, with text", with_text), ("model, without text", without)):
        started = time.perf_counter()
        found = {_pair(p.type, p.a, p.b) for p in propose_links(records) if p.score >= cut}
        runs.append((label, found, time.perf_counter() - started))
    runs.append(("patronymic rule", patronymic_rule(without), 0.0))
    print(f"\n{'link':8} {'method':22} {'P stated':>8} {'R stated':>8} {'P true':>7} "
          f"{'found':>6} {'stated':>6}")  # fmt: skip
    for type_ in TYPES:
        for label, found, _ in runs:
            p, r, n, t = precision_recall(found, stated, type_)
            p_true, _, _, _ = precision_recall(found, true, type_)
            print(f"{type_:8} {label:22} {p:8.3f} {r:8.3f} {p_true:7.3f} {n:6} {t:6}")
    print("\n" + "; ".join(f"{label}: {seconds:.1f} s" for label, _, seconds in runs[:2]))
    label, found, _ = runs[1]
    wrong = sorted(found - true)[:8]
    if wrong:
        rows = {f"openlist:{row['record_id']}": row for row in generated.rows}
        print("\nwrong links without text (first few):")
        for type_, a, b in wrong:
            print(f"  {type_}: {rows[a]['full_name']} ({rows[a]['birth_date']}) → "
                  f"{rows[b]['full_name']} ({rows[b]['birth_date']})")  # fmt: skip
    return 0


TYPES = ("mother", "father", "spouse", "sibling")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--structured", action="store_true", help="a family-structured list")
    parser.add_argument("--families", type=int, default=300)
    parser.add_argument(
        "--registry",
        action="store_true",
        help="also import the lists into a scratch SQLite registry and run `alzhir family`'s "
        "code path there, reading the links back from the relationships export",
    )
    args = parser.parse_args(argv)
    if args.structured:
        return structured(args.families, 21 if args.seed is None else args.seed)
    args.seed = 2 if args.seed is None else args.seed
    started = time.perf_counter()
    records, families = labelled_records(args.real, args.seed, "even")
    truth = families.truth
    print(
        f"records: {len(records)} ({len(families.orphanage_rows)} synthetic children, "
        f"{len(families.husband_rows)} synthetic husbands); true links: "
        + ", ".join(
            f"{t} {sum(1 for p in truth if p[0] == t)}"
            for t in ("mother", "father", "spouse", "sibling")
        )
        + f"; built in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    proposals = propose_links(records)
    model_seconds = time.perf_counter() - started
    cut = thresholds()["propose"]
    synthetic, real_only = [], []
    for p in proposals:
        real = p.a.key.startswith("algir:") and p.b.key.startswith("algir:")
        (real_only if real else synthetic).append(p)
    found = {_pair(p.type, p.a, p.b) for p in synthetic if p.score >= cut}
    real_only = [p for p in real_only if p.score >= cut]
    surname_only = [p for p in proposals if p.score >= 0.5 and surname_alone(p.levels, p.type)]

    started = time.perf_counter()
    naive_surname = baseline_surname_age(records)
    naive_jw = baseline_named_jw(records)
    baseline_seconds = time.perf_counter() - started

    print(
        f"\nmodel: {len(proposals)} scored person pairs in {model_seconds:.1f} s; "
        f"links at score ≥ {cut}: {len(found)} with a synthetic side, {len(real_only)} inside "
        f"the real list (truth unknown); ≥ 0.5 on a surname alone: {len(surname_only)}"
    )
    print(f"baselines computed in {baseline_seconds:.1f} s\n")
    print(f"{'link':10} {'method':28} {'precision':>9} {'recall':>7} {'found':>6} {'true':>6}")
    for type_ in ("mother", "spouse"):
        for label, links in (
            ("model", found),
            ("surname + age rule", naive_surname),
            ("Jaro-Winkler named + age", naive_jw),
        ):
            p, r, n, t = precision_recall(links, truth, type_)
            print(f"{type_:10} {label:28} {p:9.3f} {r:7.3f} {n:6} {t:6}")
    for type_ in ("father", "sibling"):
        p, r, n, t = precision_recall(found, truth, type_)
        print(f"{type_:10} {'model':28} {p:9.3f} {r:7.3f} {n:6} {t:6}")

    print("\nmother–child recall by how the child's record names the mother (model / JW):")
    mother_truth = {p for p in truth if p[0] == "mother"}
    for style in ("full", "initials", "no_patronymic", "none"):
        for renamed in (False, True):
            wanted = {
                p
                for p in mother_truth
                if families.naming.get(p[2]) == style and (p[2] in families.renamed) == renamed
            }
            if wanted:
                print(
                    f"  {style:14} {'renamed' if renamed else 'same surname':13} "
                    f"{len(wanted & found) / len(wanted):.3f} / "
                    f"{len(wanted & naive_jw) / len(wanted):.3f}  ({len(wanted)})"
                )
    named = {p for p in mother_truth if families.naming.get(p[2]) != "none"}
    named_found = {p for p in found if p[0] == "mother" and families.naming.get(p[2]) != "none"}
    named_found_jw = {
        p for p in naive_jw if p[0] == "mother" and families.naming.get(p[2]) != "none"
    }
    for label, links in (("model", named_found), ("Jaro-Winkler named + age", named_found_jw)):
        right = len(links & named)
        print(
            f"mother named: {label:26} precision {right / max(len(links), 1):.3f} "
            f"recall {right / max(len(named), 1):.3f}"
        )
    if args.registry:
        registry_links, seconds = through_registry(args.real, families)
        print(f"\nthrough the registry (import, run_family, export; {seconds:.0f} s):")
        for type_ in ("mother", "spouse", "father", "sibling"):
            p, r, n, t = precision_recall(registry_links, truth, type_)
            print(f"{type_:10} {'model (registry)':28} {p:9.3f} {r:7.3f} {n:6} {t:6}")
    wrong = sorted(
        (p for p in synthetic if p.score >= cut and _pair(p.type, p.a, p.b) not in truth),
        key=lambda p: -p.score,
    )[:5]
    if wrong:
        print("\nstrongest wrong links:")
        for p in wrong:
            print(f"  {p.type} {p.a.key} → {p.b.key} {p.score:.2f}: {'; '.join(p.reasons)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
