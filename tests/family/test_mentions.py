"""Relatives named in columns and in list text, the ways lists write them."""

from alzhir.family.mentions import Mention, mentions_in_fields, mentions_in_text


def test_executed_list_names_wife_and_children_with_years():
    text = "Жена: Навроцкая Екатерина Антоновна (1859); Дети: Иван (1925), Мария (1928)"
    assert mentions_in_text(text, "notes") == [
        Mention("spouse", "Навроцкая Екатерина Антоновна", 1859, "notes"),
        Mention("child", "Иван", 1925, "notes"),
        Mention("child", "Мария", 1928, "notes"),
    ]


def test_initials_keep_their_letters():
    [mention] = mentions_in_text("Мать: Наумова Е. Ф.")
    assert (mention.role, mention.name) == ("mother", "Наумова Е. Ф")


def test_relative_columns_and_english_text():
    fields = {
        "mother_name": "Наумова Екатерина (1902)",
        "father_name": "Наумов Пётр",
        "notes": "Sister: Anna Naumova",
    }
    assert mentions_in_fields(fields) == [
        Mention("mother", "Наумова Екатерина", 1902, "mother_name"),
        Mention("father", "Наумов Пётр", None, "father_name"),
        Mention("sibling", "Anna Naumova", None, "notes"),
    ]


def test_charge_wording_is_not_a_relative():
    # «Жена изменника родины» is the charge, not a wife named on the record
    assert mentions_in_fields({"charge": "Жена изменника родины, врага народа"}) == []
