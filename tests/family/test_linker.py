"""The linker on hand-written records: orphanage-list children, executed husbands, namesakes.
Names are written the ways lists write them; no database."""

from hypothesis import given, settings
from hypothesis import strategies as st

from alzhir.family.linker import propose_links, record_from_fields

CAMP_STAY = "к 8 годам ИТЛ. Прибыла в Акмолинское ЛО 02.02.1938. Освобождена 24.10.1945"
NAUMOVA = {
    "record_id": "1",
    "full_name": "Наумова Екатерина Федоровна",
    "sex": "женщина",
    "birth_date": "1902",
    "birth_place": "г. Ленинград",
    "sentence_date": "9 декабря 1937 г.",
    "sentence": CAMP_STAY,
}


def women(*rows):
    return [record_from_fields("algir", row) for row in rows]


def children(*rows):
    return [
        record_from_fields("synthetic-orphanage", {"record_id": f"C{i}", "sex": "M", **row})
        for i, row in enumerate(rows, start=1)
    ]


def links(records, type_="mother"):
    return {(p.a.key, p.b.key): p for p in propose_links(records) if p.type == type_}


def test_renamed_child_is_linked_through_the_mother_named_by_initials():
    child = {
        "full_name": "Петров Иван Иванович",
        "birth_date": "1928",
        "mother_name": "Наумова Е. Ф.",
    }
    found = links(women(NAUMOVA) + children(child))
    link = found[("algir:1", "synthetic-orphanage:C1")]
    assert link.score >= 0.5
    assert any("initials" in reason for reason in link.reasons)


def test_a_shared_surname_alone_proposes_nothing():
    child = {"full_name": "Наумов Пётр Сергеевич", "birth_date": "1928"}
    link = links(women(NAUMOVA) + children(child))[("algir:1", "synthetic-orphanage:C1")]
    assert link.score < 0.5
    assert any("family name" in reason for reason in link.reasons)


def test_a_mother_less_than_fourteen_years_older_is_never_proposed():
    child = {
        "full_name": "Наумов Пётр",
        "birth_date": "1914",
        "mother_name": "Наумова Екатерина Федоровна",
    }
    assert links(women(NAUMOVA) + children(child)) == {}


def test_child_born_in_the_camp_during_the_mothers_stay():
    child = {
        "full_name": "Наумов Лев",
        "birth_date": "1938-06-10",
        "birth_place": "Акмолинское ЛО (АЛЖИР)",
        "mother_name": "Наумова Екатерина",
    }
    link = links(women(NAUMOVA) + children(child))[("algir:1", "synthetic-orphanage:C1")]
    assert link.score >= 0.5
    assert any("born in the camp while the mother" in reason for reason in link.reasons)


# Two women of the real list with one full name: rows 179 and 180 (README of algir.csv).
ANDERSON_1892 = {
    "record_id": "179",
    "full_name": "Андерсон Шарлотта Ивановна",
    "sex": "женщина",
    "birth_date": "1892",
    "birth_place": "Латвия",
}
ANDERSON_1895 = {
    "record_id": "180",
    "full_name": "Андерсон Шарлотта Ивановна",
    "sex": "женщина",
    "birth_date": "1895",
    "birth_place": "г. Франборд, Латвия",
}


def test_namesake_mothers_are_told_apart_by_the_year_given_with_the_name():
    child = {
        "full_name": "Андерсон Карл",
        "birth_date": "1922",
        "mother_name": "Андерсон Шарлотта Ивановна (1895)",
    }
    found = links(women(ANDERSON_1892, ANDERSON_1895) + children(child))
    assert found[("algir:180", "synthetic-orphanage:C1")].score >= 0.5
    assert found[("algir:179", "synthetic-orphanage:C1")].score < 0.5


def test_namesake_mothers_without_telling_evidence_are_not_guessed():
    child = {
        "full_name": "Андерсон Карл",
        "birth_date": "1922",
        "mother_name": "Андерсон Шарлотта Ивановна",
    }
    found = links(women(ANDERSON_1892, ANDERSON_1895) + children(child))
    assert len(found) == 2
    assert all(link.score < 0.5 for link in found.values())
    assert all(any("compete" in r for r in link.reasons) for link in found.values())


def test_executed_husband_naming_his_wife_and_children():
    husband = record_from_fields(
        "synthetic-executed",
        {
            "record_id": "H1",
            "full_name": "Наумов Фёдор Петрович",
            "sex": "M",
            "birth_date": "1898",
            "residence": "Ленинград",
            "sentence_date": "1937-09-20",
            "notes": "Жена: Наумова Екатерина Федоровна (1902); Дети: Иван (1928)",
        },
    )
    son = {"full_name": "Наумов Иван Фёдорович", "birth_date": "1928"}
    records = women(NAUMOVA) + children(son) + [husband]
    spouse = links(records, "spouse")[("algir:1", "synthetic-executed:H1")]
    father = links(records, "father")[("synthetic-executed:H1", "synthetic-orphanage:C1")]
    assert spouse.score >= 0.5 and father.score >= 0.5
    assert any("husband sentenced first" in r for r in spouse.reasons)
    assert any("patronymic agrees" in r for r in father.reasons)


SURNAMES = {
    "Иванова": "Иванов",
    "Кузнецова": "Кузнецов",
    "Плисецкая": "Плисецкий",
    "Лебедева": "Лебедев",
    "Ильина": "Ильин",
    "Мессерер": "Мессерер",
}


@settings(max_examples=60, deadline=None)
@given(
    surname=st.sampled_from(sorted(SURNAMES)),
    mothers=st.lists(st.integers(1870, 1915), min_size=1, max_size=4),
    child_year=st.integers(1915, 1938),
    son=st.booleans(),
    given_names=st.lists(st.sampled_from(["Мария", "Анна", "Вера", "Ольга"]), min_size=4),
)
def test_no_link_reaches_one_half_on_a_surname_alone(
    surname, mothers, child_year, son, given_names
):
    rows = [
        {
            "record_id": str(i),
            "full_name": f"{surname} {given_names[i]} Ивановна",
            "sex": "женщина",
            "birth_date": str(year),
        }
        for i, year in enumerate(mothers)
    ]
    child = {
        "full_name": f"{SURNAMES[surname] if son else surname} Саша Петрович",
        "birth_date": str(child_year),
    }
    proposals = propose_links(women(*rows) + children(child))
    assert all(p.score < 0.5 for p in proposals)


def sentenced_woman(record_id, full_name, year, town):
    return {
        "record_id": record_id,
        "full_name": full_name,
        "sex": "женщина",
        "birth_date": year,
        "birth_place": town,
        "sentence_date": "10 июня 1938 г.",
        "sentencing_body": "Особое совещание при НКВД СССР",
    }


def test_sisters_sentenced_at_one_sitting_are_proposed():
    found = links(
        women(
            sentenced_woman("1005", "Васильева Агриппина Васильевна", "1906", "г. Луга"),
            sentenced_woman("1009", "Васильева Антонина Васильевна", "1903", "г. Луга"),
        ),
        "sibling",
    )
    link = found[("algir:1005", "algir:1009")]
    assert link.score >= 0.5
    assert any("same day by the same body" in reason for reason in link.reasons)


def test_one_woman_listed_twice_is_not_her_own_sister():
    found = links(
        women(
            sentenced_woman("576", "Беляева-Клендо Варвара Леонидовна", "1904", "г. Ленинград"),
            sentenced_woman("2692", "Клендо-Беляева Варвара Леонидовна", "1904", "г. Ленинград"),
        ),
        "sibling",
    )
    assert found == {}
