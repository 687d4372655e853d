"""compare(): the pairs from the issue, and the negatives that must stay apart."""

import json

import pytest

from alzhir.cli import main
from alzhir.names import compare, name_keys, parse_name

RACHEL = "Мессерер-Плисецкая Рахиль Михайловна"
SAME = [
    ("Plissetskaïa Rachel", RACHEL),
    ("Rakhil Messerer", RACHEL),
    ("Плисецкой Рахили", RACHEL),
    ("Мессерер-Плисецкая Р. М.", RACHEL),
    ("Rachel Plissezkaja", RACHEL),
    ("Tuchatschewskaja Elisabeth", "Арватова-Тухачевская Елизавета Николаевна"),
    ("Элькина Е. Ф.", "Элькина Евгения Фёдоровна"),
    ("Aliyeva Zeynab Gusein Kizy", "Алиева Зейнаб Гусейн кызы"),
    ("Иванова Маша Петровна", "Иванова Мария Петровна"),
    # the tradition of the whole name reads each part: German z is ц, sch is ж
    ("Ziza Atalikowa", "Аталикова Цица Куковна"),
    ("Marschan Birkembaewa", "Биркембаева Маржан"),
    # Telegram writes ж as j with nothing else in the name to say so
    ("Bajanova Mariia Ivanovna", "Бажанова Мария Ивановна"),
    ("Andreeva Janna Trofimovna", "Андреева Жанна Трофимовна"),
    # genitive of a rarer given name, copied from a document
    ("Петерсон Алисы Леонардовны", "Петерсон Алиса Леонардовна"),
    ("Ван Сю-Кин", "Ван Сю-Ким"),
]
DIFFERENT = [
    ("Иванова Анна Петровна", "Иванова Мария Петровна"),
    ("Иванов Александр Петрович", "Иванова Александра Петровна"),
    ("Иванова Анна Петровна", "Иванова Анна Павловна"),
    ("Плисецкая Рахиль", "Полецкая Рахиль"),
    ("Мессерер-Плисецкая Р. М.", "Мессерер-Плисецкая А. М."),
    # hyphenated Korean and Chinese given names must not pass for double surnames
    ("Кан Бао-Цой", "Кан Гон-Цой"),
    # sisters: known names one letter apart are two names, not a typo
    ("Левина Марта Абрамовна", "Левина Мария Абрамовна"),
    ("Маевская Марьям Александровна", "Маевская Мария Александровна"),
    # an initial is a sound: Х. is not Ксения, И. is Иосифовна
    ("Мороз Х. В.", "Мороз Ксения Васильевна"),
    ("Иванова Яна Петровна", "Иванова Жанна Петровна"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_of_one_woman_are_the_same(a, b):
    result = compare(a, b)
    assert result.same, result
    assert 0.85 <= result.score <= 1


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_people_are_not_the_same(a, b):
    result = compare(a, b)
    assert not result.same, result
    assert result.why


def test_reasons_name_what_was_folded():
    assert "transliteration" in compare("Plissetskaïa Rachel", RACHEL).why
    assert any("Маша" in reason for reason in compare("Маша Иванова", "Мария Иванова").why)
    typo = compare("Калимина Анна Ивановна", "Калинина Анна Ивановна")
    assert typo.same
    assert "typo in the surname: Калимина for Калинина («м» for «н»)" in typo.why


def test_compare_is_symmetric_in_verdict():
    for a, b in SAME + DIFFERENT:
        assert compare(a, b).same == compare(b, a).same


def test_double_barrelled_parts_are_indexed():
    keys = name_keys(parse_name(RACHEL)[0])
    assert {"meserer", "plisetski"} <= keys["surname"]
    assert keys["father"] == {"mikhail"}


def test_cli_batch_writes_one_json_object_a_line(tmp_path, capsys):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(f"Rachel Messerer\t{RACHEL}\n\nИванова Анна\tИванова Мария\n", "utf-8")
    assert main(["names", "compare", "--batch", str(pairs)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # Line N answers line N: the blank line has an empty result of its own.
    assert [line["same"] for line in lines] == [True, False, False]
    assert lines[1] == {"a": "", "b": "", "score": 0.0, "same": False, "why": []}
    assert set(lines[0]) == {"a", "b", "score", "same", "why"}


def test_cli_analyze_json(capsys):
    assert main(["names", "analyze", RACHEL, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["script"] == "Cyrl"
    assert result["readings"][0]["surname_parts"] == ["Мессерер", "Плисецкая"]


def test_patronymic_initial_is_read_before_folding():
    assert compare("Полякова А. И.", "Полякова Анна Иосифовна").same


@pytest.mark.parametrize(
    ("name", "sex"),
    [("Жаннат", "f"), ("Жанат", "m"), ("Шолпан", "f"), ("Бибигуль", "f"), ("Гүлбаршын", "f"),
     ("Айгерим", "f"), ("Нурлан", "m"), ("Гюльнара", "f"), ("Нино", "f"), ("Ашхен", "f")],
)  # fmt: skip
def test_sex_of_kazakh_tatar_and_caucasian_given_names(name, sex):
    from alzhir.names.given import given_sex

    assert given_sex(name) == sex


def test_turkic_patronymics_spaced_hyphenated_or_glued():
    woman = "Сейфуллина Жаннат Ахмет кызы"
    for written in ("Сейфуллина Жаннат Ахметқызы", "Сейфуллина Жаннат Ахмет-кызы"):
        assert compare(written, woman).same, written
    assert not compare("Сейфуллин Жанат Ахметұлы", woman).same
