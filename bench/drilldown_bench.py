"""The drill-down CSV's work outside the database: which members of a table cell belong to
each chunk of 500 persons, as the previous version chose them (a set rebuilt for every member,
every member scanned for every chunk) and as alzhir.stats.drilldown groups them now (one sort,
one pass). The database part (two queries a chunk) is the same in both.

    .venv/bin/python -m bench.drilldown_bench --persons 2000,5000,10000,20000,200000,1000000

Prints seconds of CPU per size; the previous version is skipped past --baseline-max persons
(it grows with the square of the cell: 200,000 persons would take hours)."""

import argparse
import os
import random
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")
django.setup()

from alzhir.stats.drilldown import CHUNK, members_by_person  # noqa: E402 (after setup)
from alzhir.stats.table import Cell, Member  # noqa: E402


def cell_of(persons: int, seed: int = 7) -> Cell:
    """A cell like the overview's: one record a person, one in ten with a second record and
    an event or two behind it."""
    rng = random.Random(seed)
    cell, record = Cell(), 0
    for person in range(1, persons + 1):
        for _ in range(2 if rng.random() < 0.1 else 1):
            record += 1
            cell.add(Member(person, record))
            for event in range(rng.choice((0, 0, 1, 2))):
                cell.add(Member(person, record, record * 10 + event))
    return cell


def previous_version(cell: Cell) -> int:
    """The chunk selection of the previous drilldown.csv_rows/_persons, verbatim."""
    person_ids = sorted(cell.person_ids)
    chosen = 0
    for start in range(0, len(person_ids), CHUNK):
        chunk = person_ids[start : start + CHUNK]
        wanted = [m for m in cell.members if m.person_id in set(chunk)]
        chosen += len(sorted(wanted, key=lambda m: (m.record_id, m.event_id or 0)))
    return chosen


def this_version(cell: Cell) -> int:
    grouped = members_by_person(cell.members)
    person_ids = list(grouped)
    chosen = 0
    for start in range(0, len(person_ids), CHUNK):
        chosen += sum(len(grouped[p]) for p in person_ids[start : start + CHUNK])
    return chosen


def cpu(function, cell) -> tuple[float, int]:
    started = time.process_time()
    result = function(cell)
    return time.process_time() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", default="2000,5000,10000,20000,200000,1000000")
    parser.add_argument("--baseline-max", type=int, default=20000)
    args = parser.parse_args()
    print(f"{'persons':>9} {'members':>9} {'previous s':>11} {'now s':>8}")
    for persons in (int(n) for n in args.persons.split(",")):
        cell = cell_of(persons)
        now, chosen = cpu(this_version, cell)
        assert chosen == len(cell.members)
        before = "skipped"
        if persons <= args.baseline_max:
            seconds, same = cpu(previous_version, cell)
            assert same == chosen
            before = f"{seconds:.2f}"
        print(f"{persons:>9,} {len(cell.members):>9,} {before:>11} {now:>8.2f}")


if __name__ == "__main__":
    main()
