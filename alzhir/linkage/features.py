"""Turn registry records into the comparison columns the linkage model reads.

Every name feature comes from `alzhir.names` and every place key from `alzhir.places`; this
module only decides which keys the model sees. Name and place keys are computed once per
distinct input string (lists repeat surnames, given names and places thousands of times), which
keeps a million records within the time budget.

The EDTF reading here is deliberately small: the model needs only a full day (when the source
gave one) and a year, so `YYYY`, `YYYY-MM` and `YYYY-MM-DD` (with EDTF's `?`/`~` qualifiers
dropped) are read and anything else counts as unknown.
"""

from __future__ import annotations

import itertools
import multiprocessing
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache

import pyarrow as pa
import pyarrow.compute as pc

from alzhir import names, places
from alzhir.forking import heap_frozen

FEATURE_SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("source", pa.string()),
        ("surname_key", pa.string()),
        ("surname_keys", pa.list_(pa.string())),
        ("surname_phonetic", pa.list_(pa.string())),
        ("surname_block", pa.string()),
        ("surname_text", pa.string()),
        ("surname_variants", pa.list_(pa.string())),
        ("given_text", pa.string()),
        ("given_as_surname", pa.string()),
        ("given_group", pa.string()),
        ("given_initial", pa.string()),
        ("given_initials", pa.list_(pa.string())),
        ("father_key", pa.string()),
        ("patronymic_text", pa.string()),
        ("father_initials", pa.list_(pa.string())),
        ("sex", pa.string()),
        ("birth_date", pa.string()),
        ("birth_year", pa.int32()),
        ("birth_place_key", pa.string()),
        ("birth_place_words", pa.list_(pa.string())),
        ("residence_key", pa.string()),
        ("residence_words", pa.list_(pa.string())),
        ("camp_key", pa.string()),
        ("occupation_key", pa.string()),
        ("sentence_date", pa.string()),
        ("arrival_date", pa.string()),
    ]
)

FEATURE_CHUNK = 50_000
WORKER_CACHE_ENTRIES = 100_000
_IOTATED = frozenset("ЕЁЮЯеёюя")
_EDTF = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?\s*$")
_SEX = {"f": "F", "m": "M", "ж": "F", "м": "M", "female": "F", "male": "M", "woman": "F"}


def prepare_features(records: Iterable[dict], processes: int = 1) -> pa.Table:
    """One row of comparison columns per record (see FEATURE_SCHEMA).

    A record is a dict with `unique_id` ("source:record_id") and `source`, and any of the
    name, date, place and camp fields; missing or blank fields become nulls, which the model
    treats as "no evidence" rather than as disagreement. With `processes` > 1, chunks of
    records are prepared in that many worker processes, in order.
    """
    records = iter(records)
    chunks = iter(lambda: list(itertools.islice(records, FEATURE_CHUNK)), [])
    try:
        tables = list(_in_processes(chunks, processes) if processes > 1 else map(_table, chunks))
    finally:
        for cached in _PER_RUN_CACHES:
            cached.cache_clear()
    return pa.concat_tables(tables) if tables else FEATURE_SCHEMA.empty_table()


def _table(records: list[dict]) -> pa.Table:
    # Arrow a chunk at a time: a million records' columns as Python lists held gigabytes.
    columns: dict[str, list] = {name: [] for name in FEATURE_SCHEMA.names}
    for record in records:
        for name, value in _record_features(record).items():
            columns[name].append(value)
    return pa.Table.from_pydict(columns, schema=FEATURE_SCHEMA)


def _worker_table(records: list[dict]) -> pa.Table:
    """`_table` in a worker, each of whose caches is emptied once it holds
    WORKER_CACHE_ENTRIES values: in practice the surnames' (most distinct surnames are slips
    met once), while the given names', patronymics' and places' (thousands at a million
    records) stay whole. Unbounded, two workers and the run held 3.8 GiB together at a
    million records; every cache emptied with the surnames' cost 17 s more of features; only
    the full ones emptied, 52.7 s instead of 69.0 s for the synthetic million's features in
    two workers (docs/benchmarks.md)."""
    table = _table(records)
    for cached in _PER_RUN_CACHES:
        if cached.cache_info().currsize > WORKER_CACHE_ENTRIES:
            cached.cache_clear()
    return table


def _in_processes(chunks: Iterator[list[dict]], processes: int) -> Iterator[pa.Table]:
    """The chunks' tables from worker processes, in order, at most two chunks in flight so
    that memory stays flat. Each chunk is dealt out by surname, one share per worker, so that
    a surname's keys (about 100 µs each) are made by one worker only and each worker's cache
    holds its own part of the surnames; the shares' tables come back as Arrow buffers and are
    put back in the chunk's order. Given whole chunks instead, two workers made most
    surnames twice (the synthetic million's features: 52.7 s that way, 46–49 s dealt out;
    docs/benchmarks.md). The workers take their caches with them when the pools close, so
    the run that follows does not carry a million records' Python objects. Forked: a
    spawned worker runs the caller's script again unless it guards its `__main__`; a forked
    one touches none of the caller's database connections or threads, and leaves by
    `os._exit`, closing none of them."""
    context = multiprocessing.get_context("fork")
    workers = [ProcessPoolExecutor(1, mp_context=context) for _ in range(processes)]
    try:
        with heap_frozen():  # each pool forks its worker at its first task
            for worker in workers:
                worker.submit(int).result()
        waiting: deque = deque()
        for chunk in chunks:
            waiting.append(_dealt_out(chunk, workers))
            if len(waiting) >= 2:
                yield _gathered(*waiting.popleft())
        while waiting:
            yield _gathered(*waiting.popleft())
    finally:
        for worker in workers:
            worker.shutdown()


def _dealt_out(chunk: list[dict], workers: list[ProcessPoolExecutor]) -> tuple[list, list]:
    """Each worker's share of the chunk (by the surname as written: a process's string hash
    is the same for the whole run) and where each share's records stood in it."""
    positions: list[list[int]] = [[] for _ in workers]
    for position, record in enumerate(chunk):
        written = record.get("surname") or record.get("full_name") or ""
        positions[hash(written) % len(workers)].append(position)
    shares = [
        worker.submit(_worker_table, [chunk[position] for position in share])
        for worker, share in zip(workers, positions, strict=True)
    ]
    return shares, positions


def _gathered(shares: list, positions: list[list[int]]) -> pa.Table:
    table = pa.concat_tables(share.result() for share in shares)
    order = pa.array(itertools.chain.from_iterable(positions), pa.int64())
    return table.take(pc.sort_indices(order))


def _record_features(record: dict) -> dict:
    surname, given, patronymic = _name_parts(record)
    surname_f = _surname_features(surname)
    given_f = _given_features(given)
    father_f = _father_features(patronymic)
    birth_date, birth_year = _date_and_year(record.get("birth_date"))
    if birth_year is None and record.get("birth_year"):
        birth_year = int(record["birth_year"])
    return {
        "unique_id": str(record["unique_id"]),
        "source": str(record.get("source") or ""),
        **surname_f,
        **given_f,
        **father_f,
        "sex": _sex(record.get("sex")),
        "birth_date": birth_date,
        "birth_year": birth_year,
        "birth_place_key": _place_key(_text(record.get("birth_place"))),
        "birth_place_words": _place_words(_text(record.get("birth_place"))),
        "residence_key": _place_key(_text(record.get("residence"))),
        "residence_words": _place_words(_text(record.get("residence"))),
        "camp_key": _place_key(_text(record.get("camp"))),
        "occupation_key": _occupation_key(_text(record.get("occupation"))),
        "sentence_date": _date_and_year(record.get("sentence_date"))[0],
        "arrival_date": _date_and_year(record.get("arrival_date"))[0],
    }


def _name_parts(record: dict) -> tuple[str, str, str]:
    surname = _text(record.get("surname"))
    given = _text(record.get("given_name"))
    patronymic = _text(record.get("patronymic"))
    full_name = _text(record.get("full_name"))
    if full_name and not (surname or given):
        parsed = _parse_full_name(full_name)
        if parsed is not None:
            return parsed.surname, parsed.given, parsed.patronymic
    return surname, given, patronymic


@cache
def _parse_full_name(full_name: str) -> names.NameParts | None:
    readings = names.parse_name(full_name)
    return readings[0] if readings else None


@cache
def _surname_features(surname: str) -> dict:
    if not surname:
        return {
            "surname_key": None,
            "surname_keys": None,
            "surname_phonetic": None,
            "surname_block": None,
            "surname_text": None,
            "surname_variants": None,
        }
    # A double-barrelled surname ("Мессерер-Плисецкая") must meet either half on its own.
    parts = _distinct([surname] + re.split(r"[-\s]+", surname))
    keys = _distinct(names.surname_key(part) for part in parts)
    phonetic = _distinct(names.phonetic_key(key) for key in keys)
    return {
        "surname_key": keys[0] if keys else None,
        "surname_keys": keys or None,
        "surname_phonetic": phonetic or None,
        "surname_block": phonetic[0] if phonetic else None,
        "surname_text": names.canonical(surname) or None,
        # of the sound key too: a slip on top of another scheme's spelling (Klxmina, Krohtova)
        "surname_variants": _distinct(
            _one_letter_dropped(keys[0]) + _one_letter_dropped(phonetic[0])
        )
        if keys and phonetic
        else None,
    }


def _one_letter_dropped(key: str) -> list[str]:
    """The key and each way of dropping one letter from it: two spellings one slip apart
    (a letter misread, dropped, added or two swapped) share one of these, so a blocking rule
    on them survives any single slip in the surname, wherever it falls and whatever the
    year (the deletion neighbourhood of SymSpell)."""
    return _distinct([key] + [key[:i] + key[i + 1 :] for i in range(len(key))])


@cache
def _given_features(given: str) -> dict:
    initials = _initials(given)
    if not given or _is_initial(given):
        return {
            "given_text": None,
            "given_as_surname": None,
            "given_group": None,
            "given_initial": initials[0] if initials else None,
            "given_initials": initials or None,
        }
    return {
        "given_text": names.canonical(given) or None,
        # the same word read as a surname, for a name read in the wrong order
        "given_as_surname": names.surname_key(given) or None,
        "given_group": names.given_name_group(given) or None,
        "given_initial": initials[0] if initials else None,
        "given_initials": initials or None,
    }


@cache
def _father_features(patronymic: str) -> dict:
    initials = _initials(patronymic)
    father = text = ""
    if patronymic and not _is_initial(patronymic):
        text = names.canonical(patronymic)
        father = names.patronymic_to_father(patronymic) or text
    return {
        "father_key": father or None,
        # as written: a slip ("Vasilevan") hides the father's name but not the spelling
        "patronymic_text": text or None,
        "father_initials": initials or None,
    }


def _is_initial(text: str) -> bool:
    # "Р.", "Ю", "Sch." stand for a name; "Ra" (a short form of Rachel) is a name.
    bare = text.strip().rstrip(".")
    return len(bare) <= 1 or (text.strip().endswith(".") and len(bare) <= 3)


def _initials(text: str) -> list[str]:
    """Every way the first letter may be written: "Ксения" gives k and x (via Xenia),
    "Yelizaveta" gives e and y, so an initial from any transliteration meets one of them."""
    text = text.strip()
    if not text:
        return []
    found = [
        names.phonetic_key(text)[:1],
        names.phonetic_key(text[0])[:1],
        names.canonical(text)[:1],
    ]
    if text[0] in _IOTATED:
        # Е, Ю, Я, Ё begin with a y-sound that one scheme writes Y, another I or J.
        found += ["y", "i", "j"]
    return _distinct(found)


@cache
def _place_key(text: str) -> str | None:
    """The gazetteer's key where it knows the place (Leningrad = St Petersburg), else the
    text in canonical Latin spelling."""
    if not text:
        return None
    match = _gazetteer_match(text)
    if match is not None:
        return match.key
    # keep the digits of house numbers ("5а") and postcodes ("TQ13 8DF"), which the name
    # folding would drop: without them every address in one town looks alike
    words = [
        "".join(p if p.isdigit() else names.canonical(p) for p in re.split(r"(\d+)", w))
        for w in re.findall(r"\w+", text)
    ]
    return " ".join(w for w in words if w) or None


def _gazetteer_match(text: str) -> places.PlaceMatch | None:
    """The whole text, else the first settlement named by one of its words ("g. Ufa",
    "Vitebsk BSSR"); a lone region or country word does not make two places the same."""
    match = places.normalize_place(text)
    if match is not None and match.matched:
        return match
    for word in re.findall(r"\w{3,}", text):
        match = places.normalize_place(word)
        if match is not None and match.matched and match.type == "settlement":
            return match
    return None


@cache
def _place_words(text: str) -> list[str] | None:
    """Sound keys of the place's longer words plus its gazetteer key: "г. Хабаровск" and
    "Dalnevostochny krai, g. Khabarovsk" share one, where the whole strings differ."""
    if not text:
        return None
    words = re.findall(r"\w{4,}", names.canonical(text))
    found = _distinct(
        [_place_key(text) if _gazetteer_match(text) else ""]
        + [names.phonetic_key(word) for word in words]
    )
    return found or None


@cache
def _occupation_key(text: str) -> str | None:
    """Lists of the repressed give a trade ("учительница", "врач"): compared as written, in
    canonical Latin so that a transliterated list meets the Cyrillic one."""
    return names.canonical(text) or None


def _date_and_year(value) -> tuple[str | None, int | None]:
    match = _EDTF.match(str(value)) if value else None
    if match is None:
        return None, None
    year, month, day = match.groups()
    full_date = f"{year}-{month}-{day}" if day else None
    return full_date, int(year)


def _sex(value) -> str | None:
    text = _text(value).lower()
    if not text:
        return None
    return _SEX.get(text) or _SEX.get(text[:1])


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


# Unbounded within a run, emptied after it: at a million synthetic records there are about
# half a million distinct surnames, and a 200,000-entry LRU recomputed most of them (the cached
# dicts hold the same objects as the columns, so keeping them all costs little memory).
_PER_RUN_CACHES = (
    _parse_full_name,
    _surname_features,
    _given_features,
    _father_features,
    _place_key,
    _place_words,
    _occupation_key,
)
