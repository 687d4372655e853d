"""Build alzhir/names/data/given_names.tsv and patronymics.tsv (run by hand, not at run time;
not part of the installed package). Its own requirements are in tools/requirements.txt:

    .venv/bin/pip install -r tools/requirements.txt
    .venv/bin/python tools/build_names_data.py

Needs rigour 1.8.x (MIT: Wikidata person-name alias groups in persons.txt; from 2.x the data
is compiled into a binary) and russiannames 2.x (BSD-3: Russian given names with sex and
frequency, patronymics with the father's name). The runtime reads only the TSV files.
Groups are joined through shared Cyrillic names of one sex; a name used for both sexes
(Саша, Женя) is attached to every group it appears with but never joins two groups.

    .venv/bin/python tools/build_names_data.py nicknames

builds only english_nicknames.tsv (needs nicknames 1.x, Apache-2.0: English name → nickname
pairs) from the given_names.tsv already built: each English nickname (Tommy, Bill, Peggy)
points to one full name (Thomas, William, Margaret) and so takes its group; no groups join.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
from collections import defaultdict
from pathlib import Path

import alzhir.names  # the installed package whose data folder this builds

DATA = Path(alzhir.names.__file__).parent / "data"
CYRILLIC = re.compile(r"^[а-яё\- ]+$")
LATIN = re.compile(r"^[a-z\u00c0-\u024f\- ']+$")
MIN_GIVEN_COUNT = 3
MIN_PATRONYMIC_COUNT = 3


def _russiannames_tables():
    import pyarrow.parquet as pq
    import russiannames

    folder = Path(russiannames.__file__).parent / "data"
    names = pq.read_table(folder / "names.parquet").to_pylist()
    midnames = pq.read_table(folder / "midnames.parquet").to_pylist()
    return names, midnames


def _rigour_lines():
    import rigour

    path = Path(rigour.__file__).parent / "data" / "names" / "persons.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" in line:
            yield [n.strip() for n in line.split("=>")[0].split(",") if n.strip()]


def _additions():
    for line in (DATA / "additions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            full, sex, variants = line.split("\t")
            yield full.lower(), sex, variants.split("|")


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, name: str) -> str:
        self.parent.setdefault(name, name)
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def build() -> tuple[int, int]:
    names, midnames = _russiannames_tables()
    count: dict[str, int] = defaultdict(int)
    sexes: dict[str, set[str]] = defaultdict(set)
    for row in names:
        text = row["text"].lower()
        count[text] += row["count"]
        if row["gender"]:
            sexes[text].add(row["gender"])
    groups = _Groups()
    attached: dict[str, set[str]] = defaultdict(set)  # anchor → variants joined to its group

    def single_sex(name: str) -> str | None:
        return next(iter(sexes[name])) if len(sexes.get(name, ())) == 1 else None

    def add_line(anchor: str, variants: list[str]) -> None:
        sex = single_sex(anchor)
        for variant in variants:
            if variant != anchor and sex and single_sex(variant) == sex:
                groups.union(variant, anchor)
            elif LATIN.match(variant) or CYRILLIC.match(variant):
                attached[anchor].add(variant)
        groups.find(anchor)

    for line in _rigour_lines():
        known = [n for n in line if CYRILLIC.match(n) and count.get(n, 0) >= MIN_GIVEN_COUNT]
        if known:
            add_line(max(known, key=lambda n: count[n]), line)
    for full, sex, variants in _additions():
        sexes.setdefault(full, {sex})
        count.setdefault(full, 1)
        add_line(full, variants)
    for name, total in count.items():
        if total >= MIN_GIVEN_COUNT and single_sex(name):
            groups.find(name)

    members: dict[str, set[str]] = defaultdict(set)
    for name in list(groups.parent):
        members[groups.find(name)].add(name)
    for anchor, variants in attached.items():
        members[groups.find(anchor)] |= variants
    rigour_version = importlib.metadata.version("rigour")
    russiannames_version = importlib.metadata.version("russiannames")
    lines = [
        f"# Given-name groups built by tools/build_names_data.py from rigour {rigour_version}"
        f" persons.txt (MIT), russiannames {russiannames_version} (BSD-3) and additions.tsv.",
        "# display name\tsex\tcount\tvariants (|)",
    ]
    for root, group in sorted(members.items()):
        head = max((n for n in group if n in count), key=lambda n: count[n], default=root)
        sex = "".join(sorted(sexes.get(head, {"u"})))
        lines.append(f"{head}\t{sex}\t{count.get(head, 0)}\t{'|'.join(sorted(group))}")
    (DATA / "given_names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # most frequent first: the runtime keeps the first patronymic of each folded spelling
    patronymics = [
        f"{row['text'].lower()}\t{row['fname'].lower()}\t{row['gender']}"
        for row in sorted(midnames, key=lambda row: -row["count"])
        if row["count"] >= MIN_PATRONYMIC_COUNT and row["fname"]
    ]
    header = (
        f"# Patronymic → father's given name, from russiannames {russiannames_version}"
        f" (BSD-3) midnames, count >= {MIN_PATRONYMIC_COUNT}.\n"
    )
    (DATA / "patronymics.tsv").write_text(
        header + "\n".join(dict.fromkeys(patronymics)) + "\n", encoding="utf-8"
    )
    return len(lines) - 2, len(patronymics)


def _table_groups(name: str) -> dict[str, tuple[str, int]]:
    """Groups given_names.tsv gives a Latin name (no nickname table): group → (sex, count)."""
    from alzhir.names.given import _known_entries, keys

    found: dict[str, tuple[str, int]] = {}
    for name_key in keys(name):
        for group, sex, count in _known_entries(name_key, False):
            found.setdefault(group, (sex, count))
    return found


def _common_latin_spellings() -> set[str]:
    """Latin spellings listed under a name common enough to own them (Henry under Генрих)."""
    from alzhir.names.given import COMMON_NAME_COUNT

    spellings: set[str] = set()
    for line in (DATA / "given_names.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            _, _, count, variants = line.split("\t")
            if int(count) >= COMMON_NAME_COUNT:
                spellings.update(v for v in variants.split("|") if LATIN.match(v))
    return spellings


def _full_name_of(nickname: str, fulls: set[str], neighbours: dict[str, set[str]]) -> str:
    """The full name a nickname stands for, or "" when the data leave it open.

    Candidates are the full names of one sex that the table knows; a nickname already in the
    group of one of them (Annie, of Anna) stays there. Groups are ranked by how many of the
    nickname's own neighbours in the nickname data they share (Bill shares Billy, Will and
    Willie with William, only Billy with Robert), then by common prefix (Nick: Nicholas, not
    Dominick), shared letter pairs (Billy: William, not Robert) and frequency; a tie of the
    first two across the sexes (Pat: Patrick, Patricia) leaves it open.
    """
    own = _table_groups(nickname)
    pairs = _letter_pairs(nickname)
    # group → (shared neighbours, common prefix, shared letter pairs, count, sex, full name)
    scores: dict[str, tuple[int, int, int, int, str, str]] = {}
    for full in sorted(fulls):
        for group, (sex, count) in list(_table_groups(full).items())[:1]:
            if group in own:
                return ""
            if sex in ("m", "f"):
                shared = len(neighbours[nickname] & (neighbours[full] | {full}))
                prefix = len(os.path.commonprefix([nickname, full]))
                score = (shared, prefix, len(pairs & _letter_pairs(full)), count, sex, full)
                scores[group] = max(scores.get(group, score), score)
    ranked = sorted(scores.values(), reverse=True)
    if not ranked:
        return ""
    best = ranked[0]
    if any(r[4] != best[4] and r[:2] >= best[:2] for r in ranked[1:]):
        return ""
    return best[5]


def _letter_pairs(name: str) -> set[str]:
    return {name[i : i + 2] for i in range(len(name) - 1)}


def build_english_nicknames() -> int:
    import nicknames

    fulls: dict[str, set[str]] = defaultdict(set)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for full, relationship, nickname in nicknames.name_triplets():
        if relationship != "has_nickname" or not (full.isalpha() and nickname.isalpha()):
            continue
        neighbours[full].add(nickname)
        neighbours[nickname].add(full)
        if full != nickname:
            fulls[nickname].add(full)
    # The data list many pairs both ways (Tom → Thomas, Bill → Robert): a full name is never
    # shorter than its nickname, nor itself a nickname of a longer name (Will, of William).
    nicknames_of_longer = {n for n, names in fulls.items() if any(len(f) > len(n) for f in names)}
    for nickname, names in fulls.items():
        names -= {f for f in names if len(f) < len(nickname) or f in nicknames_of_longer}
    common = _common_latin_spellings()
    pairs = []
    for nickname in sorted(fulls):
        full = "" if nickname in common else _full_name_of(nickname, fulls[nickname], neighbours)
        if full:
            pairs.append(f"{nickname}\t{full}")
    version = importlib.metadata.version("nicknames")
    header = (
        f"# English nickname → full name, by tools/build_names_data.py from nicknames {version}"
        " names.csv (Apache-2.0, github.com/carltonnorthern/nicknames).\n"
        "# Read for Latin spellings only; the nickname takes the full name's group.\n"
    )
    (DATA / "english_nicknames.tsv").write_text(header + "\n".join(pairs) + "\n", encoding="utf-8")
    return len(pairs)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["nicknames"]:
        groups_written, patronymics_written = build()
        print(f"{groups_written} given-name groups, {patronymics_written} patronymics")
    print(f"{build_english_nicknames()} English nicknames")
