"""Generated people for benchmarks. Every source built from this is named `synthetic-…`, so no
generated person can be shown as real."""

import csv
import random
from pathlib import Path

SURNAMES = (
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
    "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев "
    "Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв "
    "Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков "
    "Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров "
    "Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов"
).split()
INDECLINABLE = "Шевченко Бондаренко Коваленко Гогуадзе Чавчавадзе Мессерер Розенберг Кац".split()
GIVEN_F = (
    "Мария Анна Екатерина Елена Ольга Татьяна Александра Евгения Надежда Вера Любовь Нина "
    "Галина Лидия Клавдия Зинаида Антонина Валентина Софья Ксения Полина Рахиль Елизавета"
).split()
FATHERS = (
    "Иван Пётр Михаил Николай Александр Сергей Василий Алексей Фёдор Григорий Дмитрий Семён "
    "Яков Павел Андрей Степан Тимофей Илья Борис Абрам Моисей Исаак Георгий Константин"
).split()
PLACES = "Москва Ленинград Киев Харьков Баку Тифлис Минск Одесса Ростов-на-Дону Казань".split()


def feminine(surname: str) -> str:
    if surname in INDECLINABLE:
        return surname
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


def patronymic_f(father: str) -> str:
    special = {
        "Илья": "Ильинична",
        "Яков": "Яковлевна",
        "Пётр": "Петровна",
        "Павел": "Павловна",
        "Фёдор": "Фёдоровна",
        "Семён": "Семёновна",
        "Георгий": "Георгиевна",
        "Дмитрий": "Дмитриевна",
        "Василий": "Васильевна",
        "Григорий": "Григорьевна",
        "Алексей": "Алексеевна",
        "Андрей": "Андреевна",
        "Сергей": "Сергеевна",
        "Николай": "Николаевна",
    }
    return special.get(father, father + "овна")


def write_generic_csv(path: Path, rows: int, seed: int = 1937) -> Path:
    rng = random.Random(seed)
    surnames = SURNAMES + INDECLINABLE
    # Zipf-like frequencies: a few surnames are very common, as in real lists.
    weights = [1 / (i + 1) for i in range(len(surnames))]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "record_id",
                "surname",
                "given_name",
                "patronymic",
                "sex",
                "birth_date",
                "birth_place",
                "arrest_date",
                "sentence_date",
                "sentence",
                "notes",
            ]
        )
        for i in range(1, rows + 1):
            year = rng.randint(1880, 1920)
            arrest = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.choice((1937, 1938))}"
            writer.writerow(
                [
                    f"S{i}",
                    feminine(rng.choices(surnames, weights)[0]),
                    rng.choice(GIVEN_F),
                    patronymic_f(rng.choice(FATHERS)),
                    "ж",
                    str(year)
                    if rng.random() < 0.8
                    else f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.{year}",
                    rng.choice(PLACES),
                    arrest,
                    "",
                    "",
                    "synthetic row",
                ]
            )
    return path
