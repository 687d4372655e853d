"""The real ALZHIR list as registry-style record dicts, and a Latin-script rendering of it.

The list stays in ../shared/data; only row numbers and a few names appear here.
"""

import csv
import re
from pathlib import Path

import iuliia
import pytest

SAME_WOMAN_ROWS = [
    (279, 280),
    (409, 410),
    (832, 833),
    (3989, 3990),
    (4400, 4401),
    (4901, 4902),
    (5717, 5718),
]
NAMESAKE_ROWS = [
    (179, 180),
    (219, 220),
    (2011, 2012),
    (2229, 2230),
    (4032, 4033),
    (5554, 5555),
    (5856, 5857),
]
MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
LATIN_SCHEMES = [iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303, iuliia.SCIENTIFIC, iuliia.BGN_PCGN]


def read_algir(path: Path) -> list[dict]:
    """One record dict per row; unique_id "algir:<row>" with rows counted from 1."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [_algir_record(number, row) for number, row in enumerate(rows, start=1)]


def _algir_record(number: int, row: dict) -> dict:
    words = row["fullname_y"].split()
    prigovor = row["prigovor"]
    arrival = re.search(r"Прибыла в (Акмолинское ЛО|Карлаг)[^.]*?(\d{2}\.\d{2}\.\d{4})", prigovor)
    return {
        "unique_id": f"algir:{number}",
        "source": "algir",
        "surname": words[0] if words else "",
        "given_name": words[1] if len(words) > 1 else "",
        "patronymic": " ".join(words[2:]),
        "full_name": row["fullname_y"],
        "sex": row["sex"],
        "birth_date": russian_date_to_edtf(row["bdate"]),
        "birth_place": row["bplace"],
        "residence": row["pmj"],
        "sentence_date": russian_date_to_edtf(row["osujd_date"]),
        "camp": arrival.group(1) if arrival else "",
        "arrival_date": russian_date_to_edtf(arrival.group(2)) if arrival else None,
    }


def russian_date_to_edtf(text: str) -> str | None:
    """ "1909", "17 сентября 1888", "9 декабря 1937 г." or "2.01.1938" as EDTF."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return text
    numeric = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if numeric:
        day, month, year = numeric.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    worded = re.match(r"(\d{1,2}) (\w+) (\d{4})", text)
    if worded and worded.group(2) in MONTHS:
        month = MONTHS.index(worded.group(2)) + 1
        return f"{worded.group(3)}-{month:02d}-{int(worded.group(1)):02d}"
    return None


def latin_rendering(record: dict, index: int) -> dict:
    """How a Western museum list renders the record: Latin script in one of several
    transliterations, patronymic as an initial, year of birth only, no camp facts."""
    scheme = LATIN_SCHEMES[index % len(LATIN_SCHEMES)]
    patronymic = scheme.translate(record["patronymic"])
    return {
        "unique_id": f"museum_latin:{index}",
        "source": "museum_latin",
        "surname": scheme.translate(record["surname"]),
        "given_name": scheme.translate(record["given_name"]),
        "patronymic": f"{patronymic[:1]}." if patronymic else "",
        "sex": "F",
        "birth_date": (record["birth_date"] or "")[:4] or None,
        "birth_place": scheme.translate(record["birth_place"]),
    }


@pytest.fixture(scope="session")
def algir_records(algir_csv) -> list[dict]:
    return read_algir(algir_csv)


@pytest.fixture(scope="session")
def latin_sample(algir_records) -> list[tuple[dict, dict]]:
    """(original, rendering) for every 40th row whose full name is not listed twice."""
    doubled = {row for pair in SAME_WOMAN_ROWS + NAMESAKE_ROWS for row in pair}
    originals = [
        record
        for number, record in enumerate(algir_records, start=1)
        if number % 40 == 7 and number not in doubled
    ]
    return [(record, latin_rendering(record, i)) for i, record in enumerate(originals)]
