"""Small generic lists for import tests, written as a museum's or an archive's file would be.
Names come from a short list of common surnames: the people are invented, and tests that
import them name their source synthetic."""

import csv
from pathlib import Path

HEADER = ["record_id", "surname", "given_name", "patronymic", "sex", "birth_date", "birth_place"]
SURNAMES = ["Иванова", "Петрова", "Сидорова", "Кузнецова", "Смирнова", "Попова", "Васильева"]
GIVEN = ["Анна", "Мария", "Елена", "Ольга", "Нина", "Вера", "Лидия"]


def person(number: int, birth_place: str = "Харьков") -> list[str]:
    return [
        str(number),
        SURNAMES[number % len(SURNAMES)],
        GIVEN[number * 3 % len(GIVEN)],
        "Ивановна",
        "ж",
        str(1880 + number % 40),
        birth_place,
    ]


def write_list(path: Path, rows, header=HEADER, encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        if header:
            writer.writerow(header)
        writer.writerows(rows)
    return path
