"""Fit the family model's weights on labelled pairs and write weights.json.

    python -m alzhir.family.calibrate ../shared/data/alzhir/algir.csv

Labels: synthetic relatives (alzhir.family.synthetic) of the women on the odd rows of the real
list, so benchmarks on the even rows measure the model on women it was not fitted on; and two
family-structured lists (alzhir.family.synthetic_lists, seeds other than the benchmark's), one
with each person's relatives written, one without, labelled with every true link. Each
feature level becomes one indicator; scikit-learn's L2-regularised logistic regression gives
its log-odds weight. Only pairs with a synthetic side are used: links inside the real list have
no known truth.
"""

import argparse
import json
from datetime import date
from pathlib import Path

from alzhir.family.candidates import candidates
from alzhir.family.features import FEATURES, features, weighed
from alzhir.family.linker import SYMMETRIC, record_from_fields
from alzhir.family.model import WEIGHTS_FILE
from alzhir.family.synthetic import (
    HUSBANDS_SOURCE,
    ORPHANAGE_SOURCE,
    generate,
    read_real_list,
    same_person_keys,
)

REGULARISATION = 1.0  # scikit-learn C: weights stay readable, namesake-rare levels shrink


STRUCTURED_SEEDS = {"openlist-text": 7, "openlist-bare": 8}  # the benchmark's is 21


def structured_records() -> tuple[list, set]:
    """Whole families, with and without the relatives' text, and their true links."""
    from alzhir.family.synthetic_lists import family_list

    records, truth = [], set()
    for source, seed in STRUCTURED_SEEDS.items():
        generated = family_list(300, seed)
        for row in generated.rows:
            fields = row if source.endswith("text") else {**row, "relatives": ""}
            records.append(record_from_fields(source, fields))
        truth |= {(t, f"{source}:{a}", f"{source}:{b}") for t, a, b in generated.true}
    return records, truth


def labelled_records(real_path: Path, seed: int, rows: str):
    real = read_real_list(real_path)
    persons = same_person_keys(real)
    families = generate(real, seed=seed, rows=rows)
    records = [record_from_fields("algir", f, persons[f"algir:{f['record_id']}"]) for f in real]
    records += [record_from_fields(ORPHANAGE_SOURCE, f) for f in families.orphanage_rows]
    records += [record_from_fields(HUSBANDS_SOURCE, f) for f in families.husband_rows]
    return records, families


def is_true(candidate, truth) -> bool:
    a, b = candidate.a.person, candidate.b.person
    if candidate.type in SYMMETRIC and b < a:
        a, b = b, a
    return (candidate.type, a, b) in truth


# Mothers are fitted on the orphanage lists alone: fitted on the family-structured lists too,
# the model proposed unnamed mothers of renamed children (mother precision 0.999 → 0.954 on
# bench.family_bench), while with the text those lists' mothers are found either way (0.99).
ORPHANAGE_ONLY = {"mother"}


def _orphanage_side(candidate) -> bool:
    return all(r.key.startswith(("algir:", "synthetic-")) for r in (candidate.a, candidate.b))


def _synthetic_side(candidate) -> bool:
    return not (candidate.a.key.startswith("algir:") and candidate.b.key.startswith("algir:"))


def fit(records, truth) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows: dict[str, tuple[list, list]] = {t: ([], []) for t in FEATURES}
    for candidate in candidates(records):
        if not _synthetic_side(candidate):
            continue
        if candidate.type in ORPHANAGE_ONLY and not _orphanage_side(candidate):
            continue
        levels, _ = features(candidate)
        indicators = {f"{n}={v}": 1 for n, v in levels.items() if weighed(n, v)}
        rows[candidate.type][0].append(indicators)
        rows[candidate.type][1].append(int(is_true(candidate, truth)))
    types = {}
    for type_, (xs, ys) in rows.items():
        if len(set(ys)) < 2:
            raise SystemExit(f"no labelled {type_} pairs of both kinds: cannot calibrate")
        vectorizer = DictVectorizer(sparse=False)
        model = LogisticRegression(C=REGULARISATION, max_iter=2000)
        model.fit(vectorizer.fit_transform(xs), ys)
        weights: dict[str, dict[str, float]] = {}
        for name, coef in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True):
            feature, level = name.split("=")
            weights.setdefault(feature, {})[level] = round(float(coef), 3)
        types[type_] = {
            "intercept": round(float(model.intercept_[0]), 3),
            "weights": weights,
            "pairs": len(ys),
            "true_pairs": sum(ys),
        }
    return types


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real_list", type=Path, help="the ALZHIR list (algir.csv)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = parser.parse_args(argv)
    records, families = labelled_records(args.real_list, args.seed, "odd")
    structured, structured_truth = structured_records()
    types = fit(records + structured, families.truth | structured_truth)
    about = {
        "method": f"logistic regression (scikit-learn, L2, C={REGULARISATION}) on one indicator "
        "per feature level; neutral levels (none, unknown, a different surname) are the baseline",
        "labels": f"synthetic relatives of women on odd rows of algir.csv, seed {args.seed}; "
        "pairs with a synthetic side only; two family-structured synthetic lists "
        f"(alzhir.family.synthetic_lists, seeds {sorted(STRUCTURED_SEEDS.values())}), one with "
        "the relatives' text and one without, every true link (mothers: the algir pairs only)",
        "fitted": date.today().isoformat(),
    }
    args.out.write_text(
        json.dumps({"about": about, "types": types}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    for type_, fitted in types.items():
        print(f"{type_}: {fitted['pairs']} pairs, {fitted['true_pairs']} true")
    print(f"weights written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
