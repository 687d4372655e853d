"""The relatives' text in the forms lists write it: Open List's block, the executed lists'
«Жена: …; Дети: …», initials, no years, Latin script."""

from alzhir.family.mentions import mentions_in_text


def _read(text):
    return [(m.role, m.name, m.year) for m in mentions_in_text(text, "relatives")]


def test_open_list_block_names_parents_by_their_patronymic_and_stops_at_its_sources():
    text = (
        "Отец/мать: Лоос Генрих Иванович (1880), Лоос Эмма Карловна (1884); Братья/сестры: Лоос "
        "Мария Генриховна (1908)Источники данных: Книга памяти, т. 2; Жена: не указана"
    )
    assert _read(text) == [
        ("father", "Лоос Генрих Иванович", 1880),
        ("mother", "Лоос Эмма Карловна", 1884),
        ("sibling", "Лоос Мария Генриховна", 1908),
    ]


def test_every_heading_of_the_block_is_read():
    text = (
        "Дедушки/бабушки: Лоос Иван Петрович (1850); Внуки/внучки: Лоос Ева Андреевна (1950); "
        "Племянники/племянницы: Лоос Пётр Андреевич; Дяди/тети: Лоос Фрида Ивановна (1878); "
        "Муж: Лоос Генрих Иванович"
    )
    assert [role for role, _, _ in _read(text)] == [
        "grandparent", "grandchild", "nephew", "uncle", "spouse",
    ]  # fmt: skip


def test_a_parent_without_patronymic_is_read_by_the_surnames_form_or_left_to_the_record():
    assert _read("Отец/мать: Петров Илья, Петрова Анна; Дедушки/бабушки: Шмидт Генрих") == [
        ("father", "Петров Илья", None),
        ("mother", "Петрова Анна", None),
        ("grandparent", "Шмидт Генрих", None),
    ]
    assert _read("Отец/мать: Шмидт Генрих, Шмидт Эмма") == [
        ("parent", "Шмидт Генрих", None),
        ("parent", "Шмидт Эмма", None),
    ]


def test_memorial_form_with_initials_and_without_years():
    assert _read("Муж: Петров И. К.; Дети: Иван, Мария (1918 г.р.)") == [
        ("spouse", "Петров И. К", None),
        ("child", "Иван", None),
        ("child", "Мария", 1918),
    ]


def test_latin_script_list():
    text = "wife: Kuznetsova Olga (1889), children: Kuznetsov Boris (1910), Kuznetsova Lidiya"
    assert _read(text) == [
        ("spouse", "Kuznetsova Olga", 1889),
        ("child", "Kuznetsov Boris", 1910),
        ("child", "Kuznetsova Lidiya", None),
    ]


def test_the_phrase_is_kept_as_written():
    [mention] = mentions_in_text("Жена: Петрова Анна Семёновна (1893)")
    assert mention.phrase == "Жена: Петрова Анна Семёновна (1893)"
