"""Reading queries: years in the ways people write them, place words, name order."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alzhir.search.keys import deletions
from alzhir.search.query import parse_query


@pytest.mark.parametrize(
    "text, years",
    [
        ("Плисецкая 1902", (1902, 1902)),
        ("Plisetskaya b. 1902", (1902, 1902)),
        ("Плисецкая Рахиль 1902 г.р.", (1902, 1902)),
        ("Плисецкая 1900-1905", (1900, 1905)),
        ("Плисецкая Рахиль Михайловна", None),
    ],
)
def test_years(text, years):
    parsed = parse_query(text)
    assert parsed.years == years
    assert parsed.name_text.startswith(("Плисецкая", "Plisetskaya"))


def test_a_trailing_place_word_is_not_part_of_the_name():
    parsed = parse_query("Абдуллаева Мирнирия Баку")
    assert parsed.name_text == "Абдуллаева Мирнирия"
    assert parsed.place_keys == {"baku"}


def test_a_surname_that_is_also_a_town_stays_a_name():
    assert parse_query("Мария Иванова").name_text == "Мария Иванова"


@given(st.text(alphabet="абвгдеёжзиклмнопрстуфхцчшщыэюя", min_size=5, max_size=14))
def test_words_one_letter_apart_share_a_deletion(word):
    for i in range(len(word)):
        substituted = word[:i] + ("а" if word[i] != "а" else "о") + word[i + 1 :]
        deleted = word[:i] + word[i + 1 :]
        assert deletions(word) & deletions(substituted)
        if len(deleted) >= 5:
            assert deletions(word) & deletions(deleted)
