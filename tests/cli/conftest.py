"""A small list as a museum would send it: the demo article's people, generic columns."""

import pytest

LIST = """record_id,surname,given_name,patronymic,sex,birth_date,birth_place,camp,sentence
M-1,Мессерер-Плисецкая,Рахиль,Михайловна,F,1902,Вильно,АЛЖИР,=HYPERLINK("http://x")
M-2,Калинина,Екатерина,Ивановна,F,1882,Ревель,АЛЖИР,+1
M-3,Плисецкая,Майя,Михайловна,F,1925,Москва,,-2
M-4,Тухачевская,Нина,Евгеньевна,F,1900,,АЛЖИР,@SUM(A1)
"""


@pytest.fixture
def museum_csv(tmp_path):
    path = tmp_path / "museum.csv"
    path.write_text(LIST, encoding="utf-8")
    return path


@pytest.fixture
def registry(alzhir, museum_csv):
    """A migrated registry holding the museum's list, for the installed command."""
    alzhir.migrate()
    alzhir.ok("import", museum_csv, "--source", "museum")
    return alzhir
