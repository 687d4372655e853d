"""Synthetic relatives of real ALZHIR prisoners, with known truth, for calibration and benchmarks.

Generated lists are named `synthetic-…` and never mixed with the real list: they hold children
written the ways orphanage lists write them (about a quarter renamed; the mother named in full,
by initials, without patronymic, or not at all) and executed husbands (masculine surname forms,
same town, earlier sentences, sometimes «Жена: …; Дети: …» in the notes), plus decoys whose
surnames are shared with prisoners but who are nobody's relatives. The real list itself is read
from ../shared/data at run time and never written anywhere.
"""

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from alzhir.dates import DateParseError, parse_date
from alzhir.family.linker import record_from_fields

ORPHANAGE_SOURCE = "synthetic-orphanage-list"
HUSBANDS_SOURCE = "synthetic-executed-husbands"
MEMORIAL_COLUMNS = {
    "fullname_y": "full_name", "bdate": "birth_date", "bplace": "birth_place", "sex": "sex",
    "nationality": "nationality", "pmj": "residence", "obvin": "charge",
    "osujd_date": "sentence_date", "osujd_org": "sentencing_body", "prigovor": "sentence",
}  # fmt: skip
# A father's given name → the patronymics of his son and daughter.
FATHERS = {
    "Иван": ("Иванович", "Ивановна"), "Пётр": ("Петрович", "Петровна"),
    "Михаил": ("Михайлович", "Михайловна"), "Николай": ("Николаевич", "Николаевна"),
    "Александр": ("Александрович", "Александровна"), "Сергей": ("Сергеевич", "Сергеевна"),
    "Василий": ("Васильевич", "Васильевна"), "Алексей": ("Алексеевич", "Алексеевна"),
    "Фёдор": ("Фёдорович", "Фёдоровна"), "Григорий": ("Григорьевич", "Григорьевна"),
    "Дмитрий": ("Дмитриевич", "Дмитриевна"), "Семён": ("Семёнович", "Семёновна"),
    "Яков": ("Яковлевич", "Яковлевна"), "Павел": ("Павлович", "Павловна"),
    "Андрей": ("Андреевич", "Андреевна"), "Степан": ("Степанович", "Степановна"),
    "Борис": ("Борисович", "Борисовна"), "Абрам": ("Абрамович", "Абрамовна"),
    "Моисей": ("Моисеевич", "Моисеевна"), "Георгий": ("Георгиевич", "Георгиевна"),
    "Константин": ("Константинович", "Константиновна"), "Лев": ("Львович", "Львовна"),
    "Владимир": ("Владимирович", "Владимировна"), "Давид": ("Давидович", "Давидовна"),
    "Исаак": ("Исаакович", "Исааковна"), "Евгений": ("Евгеньевич", "Евгеньевна"),
    "Илья": ("Ильич", "Ильинична"),
}  # fmt: skip
SONS = "Иван Пётр Михаил Николай Александр Сергей Владимир Юрий Борис Лев Виктор Анатолий".split()
DAUGHTERS = "Мария Анна Нина Галина Елена Тамара Людмила Майя Инна Светлана Ольга Вера".split()
RENAMED_SURNAMES = (
    "Иванов Петров Смирнов Кузнецов Попов Соколов Новиков Морозов Волков Лебедев Козлов "
    "Степанов Орлов Макаров Никитин Захаров Зайцев Борисов Фролов Гусев Ильин Белов Жуков"
).split()
BODIES = ["ВКВС СССР", "Комиссия НКВД и Прокурора СССР", "тройка при УНКВД", "ОСО при НКВД СССР"]
ORPHANAGES = ["Детдом №{n} г. {town}", "Детский дом №{n}, {town}", "д/д №{n} ({town})"]
TOWNS = ["Киев", "Харьков", "Днепропетровск", "Одесса", "Ленинград", "Смоленск", "Пенза"]
CAMP_BIRTHPLACES = ["Акмолинское ЛО (АЛЖИР)", "АЛЖИР", "Карлаг, Акмолинское отделение"]
NAMING = [("full", 0.35), ("initials", 0.2), ("no_patronymic", 0.2), ("none", 0.25)]


@dataclass
class Woman:
    key: str
    person: str
    surname: str
    given: str
    patronymic: str
    birth_year: int | None
    town: str
    sentence_date: date | None
    camp_stay: tuple[date, date | None] | None = None


@dataclass
class SyntheticFamilies:
    orphanage_rows: list[dict] = field(default_factory=list)
    husband_rows: list[dict] = field(default_factory=list)
    truth: set[tuple[str, str, str]] = field(default_factory=set)  # (type, a key, b key)
    naming: dict[str, str] = field(default_factory=dict)  # child key → how the mother is named
    renamed: set[str] = field(default_factory=set)  # child keys


def read_real_list(path: Path) -> list[dict]:
    """The real list's rows as registry fields (the memorial profile's mapping), row numbered."""
    with Path(path).open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return [
        {
            "record_id": str(n),
            **{MEMORIAL_COLUMNS[c]: v for c, v in row.items() if c in MEMORIAL_COLUMNS and v},
        }
        for n, row in enumerate(rows, start=1)
    ]


def same_person_keys(real: list[dict]) -> dict[str, str]:
    """Rows naming one woman twice (same name, birth date and place) share one person."""
    first: dict[tuple, str] = {}
    persons = {}
    for fields in real:
        key = f"algir:{fields['record_id']}"
        identity = (fields.get("full_name"), fields.get("birth_date"), fields.get("birth_place"))
        persons[key] = first.setdefault(identity, key)
    return persons


def masculine(surname: str) -> str:
    *head, last = surname.split("-")
    for feminine, masc in (
        ("ская", "ский"),
        ("цкая", "цкий"),
        ("ова", "ов"),
        ("ева", "ев"),
        ("ёва", "ёв"),
        ("ина", "ин"),
        ("ына", "ын"),
        ("ая", "ий"),
    ):
        if last.endswith(feminine) and len(last) > len(feminine) + 1:
            last = last[: -len(feminine)] + masc
            break
    return "-".join([*head, last])


def feminine(surname: str) -> str:
    *head, last = surname.split("-")
    for masc, fem in (
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("ов", "ова"),
        ("ев", "ева"),
        ("ёв", "ёва"),
        ("ин", "ина"),
        ("ын", "ына"),
    ):
        if last.endswith(masc):
            last = last[: -len(masc)] + fem
            break
    return "-".join([*head, last])


def patronymic(father: str, sex: str) -> str:
    son, daughter = FATHERS[father]
    return son if sex == "M" else daughter


def _year(text: str) -> int | None:
    try:
        parsed = parse_date(text) if text else None
    except DateParseError:
        return None
    return parsed.lower.year if parsed and parsed.lower else None


def _sentence(text: str) -> date | None:
    try:
        parsed = parse_date(text) if text else None
    except DateParseError:
        return None
    return parsed.lower if parsed else None


def _town(fields: dict) -> str:
    for column in ("residence", "birth_place"):
        value = fields.get(column, "")
        if value:
            return value.split(",")[0].strip()
    return ""


def women_of(real: list[dict], persons: dict[str, str]) -> list[Woman]:
    women = []
    for fields in real:
        words = fields.get("full_name", "").split()
        if len(words) != 3 or fields.get("sex") not in ("женщина", "Ж"):
            continue
        key = f"algir:{fields['record_id']}"
        stays = record_from_fields("algir", fields).camp_stays
        women.append(
            Woman(
                key,
                persons[key],
                *words,
                _year(fields.get("birth_date", "")),
                _town(fields),
                _sentence(fields.get("sentence_date", "")),
                stays[0] if stays else None,
            )
        )
    return women


def name_as(woman_or_parts, style: str) -> str:
    surname, given, patronymic_ = woman_or_parts
    if style == "full":
        return f"{surname} {given} {patronymic_}"
    if style == "initials":
        return f"{surname} {given[0]}. {patronymic_[0]}."
    return f"{surname} {given}"


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


class Generator:
    """Families for a share of the given women, and decoys, written as generic rows."""

    def __init__(self, women: list[Woman], seed: int, everyone: list[Woman] | None = None):
        self.rng = random.Random(seed)
        self.women = women
        self.out = SyntheticFamilies()
        self.real_names = {(w.surname, w.given) for w in (everyone or women)}
        self.towns = [w.town for w in (everyone or women) if w.town] or TOWNS
        self.surnames = [w.surname for w in (everyone or women)]
        self.child_count = 0
        self.husband_count = 0

    def generate(self, share_with_family=0.5, decoy_share=0.4) -> SyntheticFamilies:
        for woman in self.women:
            if woman.birth_year and self.rng.random() < share_with_family:
                self._family(woman)
        for _ in range(int(decoy_share * self.child_count)):
            self._decoy_child()
        for _ in range(int(decoy_share * self.husband_count)):
            self._decoy_husband()
        return self.out

    def _family(self, woman: Woman) -> None:
        rng = self.rng
        father = rng.choice(list(FATHERS))
        husband = self._husband(woman, father) if rng.random() < 0.6 else None
        children = [self._child(woman, father, husband) for _ in range(rng.choice([1, 1, 2, 3]))]
        children = [c for c in children if c]
        for i, x in enumerate(children):
            for y in children[i + 1 :]:
                a, b = sorted((x["key"], y["key"]))
                self.out.truth.add(("sibling", a, b))
        if husband and children and rng.random() < 0.4:
            listed = ", ".join(f"{c['given_name']} ({c['birth_date']})" for c in children)
            husband["row"]["notes"] += (
                f"; Дети: {listed}" if husband["row"]["notes"] else (f"Дети: {listed}")
            )

    def _husband(self, woman: Woman, given: str) -> dict:
        rng = self.rng
        self.husband_count += 1
        record_id = f"H{self.husband_count}"
        surname = (
            masculine(woman.surname) if rng.random() < 0.9 else masculine(rng.choice(self.surnames))
        )
        sentenced = (woman.sentence_date or date(1938, 3, 1)) - timedelta(rng.randint(20, 400))
        row = {
            "record_id": record_id, "surname": surname, "given_name": given,
            "patronymic": patronymic(rng.choice(list(FATHERS)), "M"), "sex": "M",
            "birth_date": str((woman.birth_year or 1900) + rng.randint(-3, 10)),
            "residence": woman.town if rng.random() < 0.85 else rng.choice(self.towns),
            "sentence_date": sentenced.isoformat(), "sentencing_body": rng.choice(BODIES[:3]),
            "sentence": f"ВМН. Расстрелян {(sentenced + timedelta(rng.randint(1, 20))):%d.%m.%Y}",
            "notes": "",
        }  # fmt: skip
        wife = name_as(
            (woman.surname, woman.given, woman.patronymic),
            rng.choice(["full", "full", "initials", "no_patronymic"]),
        )
        if woman.birth_year and rng.random() < 0.5:
            wife += f" ({woman.birth_year})"
        where = rng.random()
        if where < 0.35:
            row["notes"] = f"Жена: {wife}"
        elif where < 0.5:
            row["spouse_name"] = wife
        self.out.husband_rows.append(row)
        key = f"{HUSBANDS_SOURCE}:{record_id}"
        a, b = sorted((key, woman.person))
        self.out.truth.add(("spouse", a, b))
        return {"key": key, "row": row, "given": given}

    def _child(self, woman: Woman, father: str, husband: dict | None) -> dict | None:
        rng = self.rng
        birth = self._camp_birth(woman.camp_stay) if rng.random() < 0.1 else None
        if birth and birth.year - woman.birth_year <= 45:
            birth_date, birth_place = birth.isoformat(), rng.choice(CAMP_BIRTHPLACES)
        else:
            year = woman.birth_year + rng.randint(18, 40)
            if year > 1938:
                return None
            birth_date = str(year)
            birth_place = woman.town if rng.random() < 0.6 else rng.choice(["", *self.towns])
        sex = rng.choice("FM")
        given = rng.choice(DAUGHTERS if sex == "F" else SONS)
        surname = woman.surname if sex == "F" else masculine(woman.surname)
        child_patronymic = patronymic(father, sex)
        self.child_count += 1
        record_id = f"C{self.child_count}"
        key = f"{ORPHANAGE_SOURCE}:{record_id}"
        if rng.random() < 0.25:
            new = rng.choice(RENAMED_SURNAMES)
            surname = feminine(new) if sex == "F" else new
            if rng.random() < 0.5:
                child_patronymic = patronymic(rng.choice(list(FATHERS)), sex)
            self.out.renamed.add(key)
        row = {
            "record_id": record_id, "surname": surname, "given_name": given,
            "patronymic": child_patronymic, "sex": sex, "birth_date": birth_date,
            "birth_place": birth_place,
            "orphanage": rng.choice(ORPHANAGES).format(n=rng.randint(1, 40),
                                                       town=rng.choice(TOWNS)),
            "notes": "",
        }  # fmt: skip
        naming = _pick(rng, NAMING)
        if naming != "none":
            text = name_as((woman.surname, woman.given, woman.patronymic), naming)
            if rng.random() < 0.3:
                text += f" ({woman.birth_year})"
            if rng.random() < 0.7:
                row["mother_name"] = text
            else:
                row["notes"] = f"Мать: {text}"
        if husband and rng.random() < 0.2:
            row["father_name"] = f"{husband['row']['surname']} {husband['given']}"
        self.out.orphanage_rows.append(row)
        self.out.naming[key] = naming
        self.out.truth.add(("mother", woman.person, key))
        if husband:
            self.out.truth.add(("father", husband["key"], key))
        return {"key": key, "given_name": given, "birth_date": birth_date[:4]}

    def _camp_birth(self, stay) -> date | None:
        """A day in the stay: children were born in the camp to women arrested pregnant."""
        if not stay:
            return None
        arrival, leaving = stay
        last = min(leaving or arrival + timedelta(270), arrival + timedelta(270))
        return arrival + timedelta(self.rng.randint(0, max((last - arrival).days, 0)))

    def _decoy_child(self) -> None:
        """A child whose mother is not in the list, though surnames may be shared."""
        rng = self.rng
        sex = rng.choice("FM")
        surname = rng.choice(self.surnames)
        surname = surname if sex == "F" else masculine(surname)
        self.child_count += 1
        record_id = f"C{self.child_count}"
        row = {
            "record_id": record_id, "surname": surname,
            "given_name": rng.choice(DAUGHTERS if sex == "F" else SONS),
            "patronymic": patronymic(rng.choice(list(FATHERS)), sex), "sex": sex,
            "birth_date": str(rng.randint(1920, 1938)), "birth_place": rng.choice(self.towns),
            "orphanage": rng.choice(ORPHANAGES).format(n=rng.randint(1, 40),
                                                       town=rng.choice(TOWNS)),
            "notes": "",
        }  # fmt: skip
        if rng.random() < 0.1:
            born = date(1938, 3, 1) + timedelta(rng.randint(0, 900))
            row["birth_date"], row["birth_place"] = born.isoformat(), rng.choice(CAMP_BIRTHPLACES)
        if rng.random() < 0.6:
            mother_given = rng.choice(DAUGHTERS)
            mother_surname = feminine(surname)
            if (mother_surname, mother_given) not in self.real_names:
                row["mother_name"] = f"{mother_surname} {mother_given} " + patronymic(
                    rng.choice(list(FATHERS)), "F"
                )
        self.out.orphanage_rows.append(row)

    def _decoy_husband(self) -> None:
        rng = self.rng
        self.husband_count += 1
        sentenced = date(1937, 8, 1) + timedelta(rng.randint(0, 500))
        self.out.husband_rows.append({
            "record_id": f"H{self.husband_count}",
            "surname": masculine(rng.choice(self.surnames)),
            "given_name": rng.choice(list(FATHERS)),
            "patronymic": patronymic(rng.choice(list(FATHERS)), "M"), "sex": "M",
            "birth_date": str(rng.randint(1880, 1915)), "residence": rng.choice(self.towns),
            "sentence_date": sentenced.isoformat(), "sentencing_body": rng.choice(BODIES[:3]),
            "sentence": "ВМН", "notes": "",
        })  # fmt: skip


def generate(real: list[dict], seed: int, rows: str = "all") -> SyntheticFamilies:
    """Families for women on odd rows ("odd": calibration), even rows ("even": benchmark) or
    all; decoys draw on every woman's surname and town."""
    persons = same_person_keys(real)
    everyone = women_of(real, persons)
    parity = {"odd": 1, "even": 0}.get(rows)
    chosen = [w for w in everyone if parity is None or int(w.key.split(":")[1]) % 2 == parity]
    return Generator(chosen, seed, everyone).generate()


def write_csv(rows: list[dict], path: Path) -> Path:
    columns = list(dict.fromkeys(c for row in rows for c in row))
    with Path(path).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return Path(path)
