"""A synthetic list in the structure of a memory book's second rendering: no header, cp1251,
«;» between 25 fields, the sentence date split over day, month and year columns (21, 22, 23)
that the profile joins with the template "{23}-{22}-{21}". Every date form clerks write is in
it, each beside the reading it must get. The names are invented (the source is marked
synthetic); the date forms are the ones real lists hold (see DESIGN.md, "Dates as written").

Columns: 0 record id, 1 page of the book, 2 surname, 3 given name, 4 patronymic, 5 birth date,
6 birth place, 7 nationality, 8 residence, 9 occupation, 10 arrest date, 11 charge,
12 sentencing body, 13 sentence and camp path, 14 camp, 15 arrival date, 16 release date,
17 death date, 18 notes, 19 archival reference, 20 sex, 21 sentence day, 22 month, 23 year,
24 who compiled the entry.
"""

from dataclasses import dataclass, field

WIDTH = 25
TEMPLATE = "{23}-{22}-{21}"
PROFILE = f"""encoding = "cp1251"
delimiter = ";"
header = false
[fields]
record_id = 0
surname = 2
given_name = 3
patronymic = 4
birth_date = 5
birth_place = 6
nationality = 7
residence = 8
occupation = 9
arrest_date = 10
charge = 11
sentencing_body = 12
sentence = 13
camp = 14
arrival_date = 15
release_date = 16
death_date = 17
notes = 18
sex = 20
sentence_date = "{TEMPLATE}"
"""


@dataclass(frozen=True)
class Expected:
    """What one date of the list must become: its column, the text as the template or the
    column gives it, its EDTF reading, a phrase of its note, and its problem (kind, phrase)."""

    column: str
    text: str
    edtf: str
    note: str = ""
    problem: tuple[str, str] | None = None


@dataclass
class Row:
    cells: dict[int, str]
    expected: list[Expected] = field(default_factory=list)

    def fields(self) -> list[str]:
        return [self.cells.get(i, "") for i in range(WIDTH)]


def _row(number, surname, given, patronymic, *expected, **cells) -> Row:
    named = {
        0: str(number), 1: str(100 + number), 2: surname, 3: given, 4: patronymic,
        6: "г. Москва", 7: "русская", 11: "как ЧСИР", 12: "ОСО при НКВД СССР",
        13: "к 8 годам ИТЛ", 14: "Акмолинское ЛО", 19: f"ф. 1, оп. 1, д. {number}", 20: "ж",
        24: "синтетический пример",
    }  # fmt: skip
    for name, value in cells.items():
        named[int(name.removeprefix("c"))] = value
    return Row(named, list(expected))


UNREAD, IMPLAUSIBLE = "unread", "implausible"

ROWS = [
    # Sources disagree: the memory book gives one year, the case file another.
    _row(1, "Агафонова", "Мария", "Петровна",
         Expected("5", "1897 (1898)", "[1897,1898]", note="sources disagree: one of 1897, 1898"),
         c5="1897 (1898)"),
    _row(2, "Белова", "Анна", "Ивановна",
         Expected("5", "1890 (1896, 1898)", "[1890,1896,1898]", note="one of 1890, 1896, 1898"),
         c5="1890 (1896, 1898)"),
    _row(3, "Воронина", "Нина", "Сергеевна",
         Expected("5", "1930 (??)", "1930?"),
         c5="1930 (??)", c11="", c12="", c13="", c14="", c20="ж"),
    # A day (or month) unknown, written as zero.
    _row(4, "Галкина", "Ольга", "Михайловна",
         Expected("10", "00.12.1937", "1937-12", note="day written as «00»: unknown"),
         c5="1901", c10="00.12.1937"),
    _row(5, "Денисова", "Вера", "Андреевна",
         Expected(TEMPLATE, "1937-12-00", "1937-12", note="day written as «00»: unknown"),
         c5="1899", c21="00", c22="12", c23="1937"),
    # Days that do not exist, copied from the source.
    _row(6, "Егорова", "Лидия", "Ивановна",
         Expected("16", "31.06.1938", "1938-06",
                  problem=(UNREAD, "day 31 does not exist in June 1938")),
         c5="1904", c16="31.06.1938", c10="12.01.1938"),
    _row(7, "Жукова", "Елена", "Павловна",
         Expected("10", "31.11.1937", "1937-11",
                  problem=(UNREAD, "day 31 does not exist in November 1937")),
         c5="1895", c10="31.11.1937"),
    _row(8, "Зайцева", "Софья", "Борисовна",
         Expected(TEMPLATE, "1938-06-31", "1938-06",
                  problem=(UNREAD, "day 31 does not exist in June 1938")),
         c5="1907", c21="31", c22="06", c23="1938"),
    # Template output with a part missing or unpadded.
    _row(9, "Ильина", "Клавдия", "Фёдоровна",
         Expected(TEMPLATE, "1938-04-", "1938-04", note="day left blank"),
         c5="1903", c22="04", c23="1938"),
    _row(10, "Казакова", "Раиса", "Львовна",
         Expected(TEMPLATE, "1938--", "1938", note="month left blank; day left blank"),
         c5="1905", c23="1938"),
    _row(11, "Лебедева", "Зинаида", "Ефимовна",
         Expected(TEMPLATE, "1937-12-3", "1937-12-03"),
         c5="1900", c21="3", c22="12", c23="1937"),
    # A date inside the sentence text that does not exist.
    _row(12, "Морозова", "Евгения", "Осиповна",
         Expected("13", "31.06.1938", "1938-06",
                  problem=(UNREAD, "day 31 does not exist in June 1938")),
         c5="1898", c13="к 8 годам ИТЛ. Прибыла в Акмолинское ЛО 31.06.1938 из Бутырской тюрьмы"),
    # Text with no reading, and a two-digit year: kept, not read.
    _row(13, "Никитина", "Полина", "Яковлевна",
         Expected("5", "дата не установлена", "",
                  problem=(UNREAD, "unreadable date text «дата не установлена»")),
         c5="дата не установлена"),
    _row(14, "Орлова", "Таисия", "Никитична",
         Expected("10", "12.10.37", "",
                  problem=(UNREAD, "two-digit year «37» could be any century")),
         c5="1906", c10="12.10.37"),
    # Implausible: read, but they cannot all be right.
    _row(15, "Панова", "Юлия", "Кирилловна",
         Expected("16", "12.05.2938", "2938-05-12",
                  problem=(IMPLAUSIBLE, "release 12.05.2938 is in the future")),
         c5="1902", c16="12.05.2938"),
    _row(16, "Романова", "Ирина", "Степановна",
         Expected("10", "15.08.1937", "1937-08-15",
                  problem=(IMPLAUSIBLE, "arrest 15.08.1937 is before the birth (1939)")),
         Expected("5", "1939", "1939"),
         c5="1939", c10="15.08.1937"),
    _row(17, "Соколова", "Тамара", "Георгиевна",
         Expected("16", "12.03.1936", "1936-03-12",
                  problem=(IMPLAUSIBLE, "release 12.03.1936 is before the arrest 15.08.1937")),
         c5="1908", c10="15.08.1937", c16="12.03.1936"),
    # Ordinary rows: everything read, nothing to review.
    _row(18, "Тихонова", "Валентина", "Игнатьевна",
         Expected("5", "1901", "1901"),
         Expected(TEMPLATE, "1938-07-02", "1938-07-02"),
         c5="1901", c10="15.11.1937", c15="02.02.1938", c16="24.10.1945",
         c21="02", c22="07", c23="1938"),
    _row(19, "Ульянова", "Дарья", "Семёновна",
         Expected("5", "12 марта 1899 г.", "1899-03-12"),
         c5="12 марта 1899 г.", c17="1942"),
    _row(20, "Фомина", "Людмила", "", c5=""),
]  # fmt: skip


def doubtful() -> list[tuple[str, str, str, str, str]]:
    """What `alzhir dates --json` must list: (record_id, column, text, reading, kind)."""
    return sorted(
        (row.cells[0], e.column, e.text, e.edtf, e.problem[0])
        for row in ROWS
        for e in row.expected
        if e.problem
    )


def write(folder) -> tuple:
    """The list (cp1251, «;», no header) and its TOML profile, in `folder`."""
    data = folder / "synthetic-memory-book.csv"
    lines = [";".join(row.fields()) for row in ROWS]
    data.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    profile = folder / "memory_book.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    return data, profile
