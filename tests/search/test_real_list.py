"""Search on the real ALZHIR list (../shared/data/alzhir/algir.csv): each way of writing a name
finds the right woman first. One import serves every query, to keep the test near a minute."""

import pytest

from alzhir.ingest.importer import import_file
from alzhir.search.engine import search

# (query, the row's full name as the list has it, birth year)
QUERIES = [
    ("Abdullaeva Mirniriia Ibragimovna", "Абдуллаева Мирнирия Ибрагимовна", 1909),  # English
    ("Abdoullaeva Mirniria", "Абдуллаева Мирнирия Ибрагимовна", 1909),  # French
    ("Abdullajewa Mirnirija", "Абдуллаева Мирнирия Ибрагимовна", 1909),  # German
    ("Abdullaeva Mirnirija Ibragimovna", "Абдуллаева Мирнирия Ибрагимовна", 1909),  # GOST/ISO
    ("Roudik Nina", "Рудик Нина Терентьевна", 1906),  # French, surname first
    ("Абитовой Нашхо Герентуковны", "Абитова Нашхо Герентуковна", 1896),  # genitive
    ("Аболин Анна Ивановна", "Аболина Анна Ивановна", 1902),  # masculine form
    ("Аболина Аня Ивановна", "Аболина Анна Ивановна", 1902),  # diminutive
    ("Аболена Анна Ивановна", "Аболина Анна Ивановна", 1902),  # typo
    ("Аболина А. И.", "Аболина Анна Ивановна", 1902),  # initials
    ("Anna Ivanovna Abolina", "Аболина Анна Ивановна", 1902),  # given name first
    ("Андерсон Шарлотта Ивановна 1892", "Андерсон Шарлотта Ивановна", 1892),  # namesakes: year
    ("Андерсон Шарлотта Ивановна 1895", "Андерсон Шарлотта Ивановна", 1895),
]


@pytest.mark.slow
@pytest.mark.django_db
def test_each_spelling_finds_the_right_woman_first(algir_csv):
    import_file(algir_csv, source_name="algir", profile="memorial", progress=False)
    misses = []
    for query, name, year in QUERIES:
        results = search(query, limit=10).results
        first = results[0] if results else None
        if first is None or (first.name, first.birth_date[:4]) != (name, str(year)):
            misses.append((query, first and (first.name, first.birth_date, first.why)))
        assert all(r["source"] == "algir" for hit in results for r in hit.records)
    assert misses == []

    namesakes = search("Андерсон Шарлотта Ивановна").results
    assert len({hit.person_id for hit in namesakes[:2]}) == 2, "namesakes stay two persons"
    assert any("case form" in reason for reason in search("Абитовой Нашхо").results[0].why)
