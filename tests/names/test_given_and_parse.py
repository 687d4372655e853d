"""Given-name groups, patronymics and name order, on the examples users bring."""

import os
import subprocess
import sys

import pytest

from alzhir.names import given_name_group, given_name_groups, parse_name, patronymic_to_father

GROUPS = [
    ("Мария", ["Маша", "Маруся", "Mary", "Marie", "Марии"]),
    ("Рахиль", ["Rachel", "Rakhil", "Рахили"]),
    ("Екатерина", ["Катя", "Catherine", "Katharina"]),
    ("Евгения", ["Eugenia", "Jewgenija"]),
    ("Александра", ["Шура", "Alexandra"]),
    ("Елизавета", ["Elisabeth", "Лиза"]),
]


@pytest.mark.parametrize(("full", "variants"), GROUPS)
def test_given_name_variants_share_a_group(full, variants):
    for variant in variants:
        # a name of both sexes (Шура) belongs to both groups; the full form must be one
        assert given_name_group(full) in given_name_groups(variant), variant


def test_different_given_names_stay_apart():
    assert given_name_group("Мария") != given_name_group("Марина")
    assert given_name_group("Анна") != given_name_group("Ольга")


def test_yana_is_not_zhanna():
    # "Janna" is Жанна in French; it must not make Яна a form of Жанна
    assert given_name_group("Яна") not in given_name_groups("Жанна")
    assert given_name_group("Жанна") not in given_name_groups("Яна")


@pytest.mark.parametrize(
    ("oblique", "nominative"),
    [("Веры", "Вера"), ("Александры", "Александра"), ("Алисы", "Алиса")],
)
def test_genitive_given_names_read_back_as_women(oblique, nominative):
    assert given_name_group(oblique) == given_name_group(nominative)


def test_tradition_of_the_whole_name_travels_with_the_parts():
    reading = parse_name("Ziza Atalikowa")[0]
    assert reading.tradition == "de"
    assert given_name_group(reading.given, reading.tradition) == given_name_group("Цица")


def test_syllabic_given_name_is_not_a_double_surname():
    reading = parse_name("Кан Бао-Цой")[0]
    assert (reading.surname, reading.given) == ("Кан", "Бао-Цой")


def test_unknown_given_name_is_its_own_canonical():
    assert given_name_group("Зейнаб") == given_name_group("Zeinab")


@pytest.mark.parametrize(
    ("patronymic", "father"),
    [
        ("Михайловна", "Михаил"),
        ("Mikhailovna", "Михаил"),
        ("Ильинична", "Илья"),
        ("Николаевна", "Николай"),
        ("Гусейн кызы", "Гусейн"),
        ("Gusein Kizy", "Гусейн"),
        ("Ибрагим оглы", "Ибрагим"),
    ],
)
def test_patronymic_reduces_to_father(patronymic, father):
    assert patronymic_to_father(patronymic) == given_name_group(father)


def test_russian_list_order_with_initials():
    best = parse_name("Мессерер-Плисецкая Р. М.")[0]
    assert (best.surname, best.given, best.patronymic) == ("Мессерер-Плисецкая", "Р", "М")
    assert best.given_is_initial and best.patronymic_is_initial
    assert best.surname_parts == ("Мессерер", "Плисецкая")


def test_western_order_is_read_from_evidence():
    best = parse_name("Рахиль Михайловна Плисецкая")[0]
    assert (best.surname, best.given, best.patronymic) == ("Плисецкая", "Рахиль", "Михайловна")
    assert parse_name("Rachel Messerer")[0].surname == "Messerer"


def test_glued_initials_and_turkic_patronymic():
    assert parse_name("R.M. Messerer")[0].given == "R"
    reading = parse_name("Алиева Зейнаб Гусейн кызы")[0]
    assert reading.patronymic == "Гусейн кызы"


def test_bare_hyphen_keeps_the_surviving_half():
    reading = parse_name("Дубова- Анна Марковна")[0]
    assert (reading.surname, reading.given) == ("Дубова", "Анна")


def test_forced_order():
    assert parse_name("Messerer Rachel", order="surname_first")[0].surname == "Messerer"
    assert parse_name("Messerer Rachel", order="given_first")[0].surname == "Rachel"


@pytest.mark.parametrize("latin", ["Tommy", "Tomi", "Molly"])
def test_a_latin_name_is_never_read_as_a_russian_case_form(latin):
    # "Tommy" folds like «Томы», the genitive of Тома (a form of Тамара)
    assert given_name_group("Тамара") not in given_name_groups(latin)
    assert given_name_group("Томы") == given_name_group("Тамара")


@pytest.mark.parametrize(
    ("full", "nicknames"),
    [("Thomas", ["Tom", "Tommy"]), ("William", ["Bill", "Billy", "Will", "Willie"]),
     ("Nicholas", ["Nick"]), ("Elizabeth", ["Betty", "Liz"])],
)  # fmt: skip
def test_english_nicknames_take_the_full_names_group(full, nicknames):
    for nickname in nicknames:
        assert given_name_group(nickname) == given_name_group(full), nickname


def test_english_nicknames_keep_the_sexes_apart():
    # Pat is Patrick's and Patricia's: it joins neither
    for full in ("Patrick", "Patricia"):
        assert given_name_group("Pat") != given_name_group(full)
    # «Виль» folds like "Will" but is a Russian name of its own
    assert given_name_group("Виль") != given_name_group("William")


def test_a_name_falls_in_the_same_group_in_every_process():
    """Linkage and search keys must not change between two runs of the same registry: "Lei"
    and «Люя» fell in "li" or "lei" depending on the process's string hashing."""
    script = (
        "import hashlib; from alzhir.names.given import _groups; "
        "print(hashlib.sha256(repr(sorted(_groups().items())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(digests) == 1
