"""Invented families written the ways real lists write relatives (no row copied from a list):
Open List's block in a `relatives` column, the executed lists' «Жена: …; Дети: …», initials,
no years, a Latin-script list. STATED holds every link the text states between persons of the
list; UNFOUND the relatives it names whom the list does not hold."""

import csv
from pathlib import Path

COLUMNS = ["record_id", "full_name", "sex", "birth_date", "birth_place", "relatives", "private"]
OPEN_LIST = [
    ("L1", "Лоос Генрих Иванович", "м", "1880", "с. Гнадендорф",
     "Отец/мать: Лоос Иван Петрович (1850); Жена: Лоос Эмма Карловна (1884); Дети: Лоос Андрей "
     "Генрихович (1905), Лоос Мария Генриховна (1908)Источники данных: Книга памяти, т. 2"),
    ("L2", "Лоос Эмма Карловна", "ж", "1884", "с. Гнадендорф",
     "Муж: Лоос Генрих Иванович (1880); Дети: Лоос Андрей Генрихович (1905), Лоос Мария "
     "Генриховна (1908)"),
    ("L3", "Лоос Андрей Генрихович", "м", "1905", "с. Гнадендорф",
     "Отец/мать: Лоос Генрих Иванович (1880), Лоос Эмма Карловна (1884); Братья/сестры: Лоос "
     "Мария Генриховна (1908)Источники данных: Книга памяти, т. 2"),
    ("L4", "Лоос Мария Генриховна", "ж", "1908", "с. Гнадендорф",
     "Отец/мать: Лоос Генрих Иванович (1880), Лоос Эмма Карловна (1884); Братья/сестры: Лоос "
     "Андрей Генрихович (1905); Дедушки/бабушки: Лоос Иван Петрович (1850)"),
    # one letter from Лоос, and nobody's relative
    ("L5", "Лось Андрей Петрович", "м", "1903", "с. Гнадендорф", ""),
    # the memorial form: short names of children under the father's surname, a wife by initials
    ("P1", "Петров Илья Кузьмич", "м", "1890", "г. Пенза",
     "Жена: Петрова Анна Семёновна (1893); Дети: Иван (1915), Мария (1918), Николай (1921)"),
    ("P2", "Петрова Анна Семёновна", "ж", "1893", "г. Пенза", "Муж: Петров И. К."),
    ("P3", "Петров Иван Ильич", "м", "1915", "г. Пенза", ""),
    ("P4", "Петрова Мария Ильинична", "ж", "1918", "г. Пенза",
     "Отец/мать: Петров Илья, Петрова Анна"),
    # a living daughter's record, private: what it names never reaches a public page
    ("P5", "Петрова Вера Ильинична", "ж", "1925", "г. Пенза",
     "Отец/мать: Петров Илья Кузьмич (1890); Внуки/внучки: Петрова Ольга Сергеевна (1950)"),
]  # fmt: skip
PRIVATE = {"P5"}
LATIN_LIST = [
    ("K1", "Kuznetsov Pavel", "m", "1885", "Tambov",
     "wife: Kuznetsova Olga (1889), children: Kuznetsov Boris (1910), Kuznetsova Lidiya (1913)"),
    ("K2", "Kuznetsova Olga", "f", "1889", "Tambov", "husband: Kuznetsov Pavel"),
    ("K3", "Kuznetsov Boris", "m", "1910", "Tambov", ""),
]  # fmt: skip
# (type, a, b): a is the mother/father/spouse/sibling of b, as the registry stores links.
STATED = {
    ("father", "L1", "L3"), ("father", "L1", "L4"), ("mother", "L2", "L3"),
    ("mother", "L2", "L4"), ("spouse", "L1", "L2"), ("sibling", "L3", "L4"),
    ("spouse", "P1", "P2"), ("father", "P1", "P3"), ("father", "P1", "P4"),
    ("mother", "P2", "P4"), ("father", "P1", "P5"),
    ("spouse", "K1", "K2"), ("father", "K1", "K3"),
}  # fmt: skip
# Links the text does not state but that follow from it: children of one father are siblings.
IMPLIED = {("sibling", "P3", "P4"), ("sibling", "P3", "P5"), ("sibling", "P4", "P5")}
# (record, kin, name): relatives named whom no record of these lists is
UNFOUND = {
    ("L1", "father", "Лоос Иван Петрович"),
    ("L4", "grandparent", "Лоос Иван Петрович"),
    ("P1", "child", "Николай"),
    ("P5", "grandchild", "Петрова Ольга Сергеевна"),
    ("K1", "child", "Kuznetsova Lidiya"),
}


def write(rows, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([*row, "да" if row[0] in PRIVATE else ""])
    return path


# A village list without the relatives' column, as most deportation lists are: only names,
# years and the village speak. Invented; the shapes are those bench.family_bench found wrong.
WITHOUT_TEXT = [
    # Антон's son Казимир married Ванда Антоновна, whose own father was an Антон too; their
    # children are Казимировичи. Антон's daughter Ванда (1878) bears her name; Мария is his.
    ("N1", "Новак Антон Казимирович", "м", "1860", "с. Марьевка", ""),
    ("N2", "Новак Ванда Антоновна", "ж", "1878", "с. Марьевка", ""),
    ("N3", "Новак Казимир Антонович", "м", "1890", "с. Марьевка", ""),
    ("N4", "Новак Мария Антоновна", "ж", "1893", "с. Марьевка", ""),
    ("N5", "Новак Ванда Антоновна", "ж", "1892", "с. Марьевка", ""),  # Казимир's wife
    ("N6", "Новак Ян Казимирович", "м", "1915", "с. Марьевка", ""),
    ("N7", "Новак Анна Казимировна", "ж", "1918", "с. Марьевка", ""),
    # Станислав's son Франц married Гелена Станиславовна; no sister of Франц is listed.
    ("K1", "Каминский Станислав Антонович", "м", "1871", "с. Розенталь", ""),
    ("K2", "Каминский Франц Станиславович", "м", "1900", "с. Розенталь", ""),
    ("K3", "Каминская Гелена Станиславовна", "ж", "1902", "с. Розенталь", ""),  # his wife
    ("K4", "Каминский Ян Францевич", "м", "1922", "с. Розенталь", ""),
    ("K5", "Каминская Стефания Францевна", "ж", "1925", "с. Розенталь", ""),
    # Иван Петрович's son is Иван Иванович; Михаил Иванович (1912) is the son's son.
    ("G1", "Гусев Иван Петрович", "м", "1855", "с. Покровка", ""),
    ("G2", "Гусев Иван Иванович", "м", "1885", "с. Покровка", ""),
    ("G3", "Гусева Анна Ивановна", "ж", "1874", "с. Покровка", ""),
    ("G4", "Гусев Михаил Иванович", "м", "1912", "с. Покровка", ""),
    # Пётр Иванович (1938) is Иван Васильевич's grandson: his father, Иван Иванович, is not
    # listed, and Иван Васильевич's wife was 54 when the boy was born.
    ("M1", "Комаров Иван Васильевич", "м", "1881", "с. Франк", ""),
    ("M2", "Комарова Прасковья Николаевна", "ж", "1884", "с. Франк", ""),
    ("M3", "Комаров Пётр Иванович", "м", "1938", "с. Франк", ""),
    # Two unrelated Пётр Титов of one age in one village; Нина Петровна is one's daughter.
    ("T1", "Титов Пётр Васильевич", "м", "1880", "с. Лесное", ""),
    ("T2", "Титов Пётр Николаевич", "м", "1882", "с. Лесное", ""),
    ("T3", "Титова Нина Петровна", "ж", "1910", "с. Лесное", ""),
    # Ян's son Антон married Мария Яновна, whose father was another Ян; Ванда is Антон's sister.
    # Two women could be Антон's wife, and both bear Ян's patronymic.
    ("W1", "Вишневский Ян Казимирович", "м", "1860", "с. Ягодное", ""),
    ("W2", "Вишневская Стефания Францевна", "ж", "1863", "с. Ягодное", ""),  # Ян's wife
    ("W3", "Вишневский Антон Янович", "м", "1885", "с. Ягодное", ""),
    ("W4", "Вишневская Ванда Яновна", "ж", "1884", "с. Ягодное", ""),
    ("W5", "Вишневская Мария Яновна", "ж", "1887", "с. Ягодное", ""),  # Антон's wife
    ("W6", "Вишневский Станислав Антонович", "м", "1910", "с. Ягодное", ""),
    ("W7", "Вишневская Гелена Антоновна", "ж", "1913", "с. Ягодное", ""),
    # Пётр's son Николай married Ольга Петровна, born his year; Татьяна Кузьминична, a woman of
    # the family no father claims, could be Николай's wife as well.
    ("Z1", "Зайцев Пётр Иванович", "м", "1862", "с. Франк", ""),
    ("Z2", "Зайцева Анна Сергеевна", "ж", "1865", "с. Франк", ""),  # Пётр's wife
    ("Z3", "Зайцев Николай Петрович", "м", "1888", "с. Франк", ""),
    ("Z4", "Зайцева Вера Петровна", "ж", "1891", "с. Франк", ""),
    ("Z5", "Зайцева Ольга Петровна", "ж", "1888", "с. Франк", ""),  # Николай's wife
    ("Z6", "Зайцев Иван Николаевич", "м", "1912", "с. Франк", ""),
    ("Z7", "Зайцева Татьяна Кузьминична", "ж", "1892", "с. Франк", ""),
]  # fmt: skip


# Two families of the name in two villages, each father named by his children's records.
# Пётр's sister Клавдия (1898) is not listed; his phrase fits Клавдия of Ивановка (1899), and
# that sister link would give her Пётр's father: it yields to the two fathers the text names.
NAMESAKE_SISTER = [
    ("S1", "Кузнецов Сергей Иванович", "м", "1870", "с. Лесное",
     "Дети: Кузнецов Пётр Сергеевич (1896), Кузнецова Клавдия Сергеевна (1898)"),
    ("S2", "Кузнецов Пётр Сергеевич", "м", "1896", "с. Лесное",
     "Отец/мать: Кузнецов Сергей Иванович (1870); Братья/сестры: Кузнецова Клавдия Сергеевна "
     "(1898)"),
    ("S3", "Кузнецов Сергей Петрович", "м", "1872", "с. Ивановка",
     "Дети: Кузнецова Клавдия Сергеевна (1899)"),
    ("S4", "Кузнецова Клавдия Сергеевна", "ж", "1899", "с. Ивановка",
     "Отец/мать: Кузнецов Сергей Петрович (1872)"),
]  # fmt: skip
