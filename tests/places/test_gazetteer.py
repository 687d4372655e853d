"""The gazetteer: place text as the lists write it, and names over time."""

import csv
import re

import pytest

from alzhir.places import UnknownPlace, all_places, normalize_place, place
from alzhir.places.gazetteer import PLACE_TYPES


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("г. Баку", "baku"),
        ("Баку", "baku"),
        ("г.Баку", "baku"),
        ("гор. Ленинград", "saint_petersburg"),
        ("Leningrad", "saint_petersburg"),
        ("Петроград", "saint_petersburg"),
        ("Тифлис", "tbilisi"),
        ("Тифлиса", "tbilisi"),
        ("Tiflis", "tbilisi"),
        ("Kharkov", "kharkiv"),
        ("Akmolinsk", "astana"),
        ("Целиноград", "astana"),
        ("Сталино", "donetsk"),
        ("Юзовка", "donetsk"),
        ("Фрунзе", "bishkek"),
        ("Кирово", "kropyvnytskyi"),
        ("тюрьмы г.Ежово-Черкесска", "cherkessk"),
        ("тюрьмы г.Ворошилова Уссурийской обл.", "ussuriysk"),
        ("Бутырской тюрьмы г.Москвы", "butyrka"),
        ("Баиловской тюрьмы г.Баку", "bailov_prison"),
        ("пересыльного пункта г.Москвы", "moscow"),
        ("Акмолинское ЛО", "alzhir"),
        ("Акмолинском отделении", "alzhir"),
        ("17-е отделение Карлага", "alzhir"),
        ("Camp Point No. 26", "alzhir"),
        ("Карлаге", "karlag"),
        ("Темниковский лагерь", "temlag"),
        ("г.Алма-Ату", "almaty"),
        ("Ростова-на-Дону", "rostov_on_don"),
        ("Орла", "oryol"),
        ("Рига, Латвия", "riga"),
    ],
)
def test_place_text_finds_its_place(text, key):
    assert normalize_place(text).key == key


def test_match_says_what_it_matched():
    match = normalize_place("из тюрьмы г.Тифлиса")
    assert (match.key, match.name, match.type, match.matched) == (
        "tbilisi",
        "Тбилиси",
        "settlement",
        "Тифлиса",
    )


@pytest.mark.parametrize("text", ["", "  ", "Урюпинскъ-на-Луне", "Кирова"])
def test_unknown_or_ambiguous_text_finds_nothing(text):
    # «Кирова» is the genitive of Kirov and of Kirovo (Kirovograd): the matcher won't guess.
    assert normalize_place(text) is None


@pytest.mark.parametrize(
    ("key", "year", "name"),
    [
        ("astana", 1938, "Акмолинск"),
        ("astana", 1970, "Целиноград"),
        ("astana", 1995, "Акмола"),
        ("astana", 2020, "Нур-Султан"),
        ("saint_petersburg", 1920, "Петроград"),
        ("saint_petersburg", 1938, "Ленинград"),
        ("saint_petersburg", 2000, "Санкт-Петербург"),
        ("tbilisi", 1930, "Тифлис"),
        ("donetsk", 1938, "Сталино"),
        ("bishkek", 1938, "Фрунзе"),
        ("cherkessk", 1938, "Ежово-Черкесск"),
    ],
)
def test_names_over_time(key, year, name):
    assert place(key).name_in(year) == name


def test_unknown_key_raises():
    with pytest.raises(UnknownPlace):
        place("atlantis")


def test_data_file_is_consistent():
    places = all_places()
    keys = [p.key for p in places]
    assert len(keys) == len(set(keys))
    for p in places:
        assert p.type in PLACE_TYPES
        assert p.part_of is None or p.part_of in keys
        assert p.wikidata is None or re.fullmatch(r"Q\d+", p.wikidata)
        for name in p.names:
            assert re.fullmatch(r"[a-z]{2,3}-[A-Z][a-z]{3}", name.lang), name
            assert name.start is None or name.end is None or name.start <= name.end


def test_alzhir_is_part_of_karlag():
    assert place("alzhir").part_of == "karlag"
    assert place("butyrka").part_of == "moscow"


def test_most_origins_in_the_real_list_resolve(algir_csv):
    with algir_csv.open(encoding="utf-8") as handle:
        texts = [row["prigovor"] for row in csv.DictReader(handle)]
    origins = [
        match[1]
        for text in texts
        for match in re.finditer(r"Прибыла в .+? \d{1,2}\.\d{2}\.\d{4} из (.+?)(?:\. |\.?$)", text)
    ]
    resolved = sum(normalize_place(origin) is not None for origin in origins)
    assert len(origins) > 5000
    assert resolved / len(origins) >= 0.9
