"""A family-structured list of the repressed, synthetic: every name is drawn by this generator.

Whole families as deportation lists hold them: a couple born 1855–1885, their children, the
sons' wives and grandchildren, each person's relatives written in the last column the ways
lists write them (Open List's block with years, the memorial «Жена: …; Дети: Иван (1925)»,
initials without years, nothing), and a relative now and then left out. Russian, German and
Polish families (patronymics Russified: Иоганн's son is Иванович, a clerk's Гейнрихович) and
Kazakh ones without patronymics; few surnames per village, so namesake families live side by
side, and near surnames (Лоос, Лось, Лосев) too. What the list states is the truth benchmarks
score against, as on a real list: a lower bound on precision.
"""

import random
from dataclasses import dataclass, field

NATIONS = {
    "russian": {
        "surnames": (
            "Петров Кузнецов Соколов Морозов Волков Лосев Лось Орлов Зайцев Ильин Попов Лебедев "
            "Козлов Новиков Степанов Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фролов "
            "Гусев Титов Киселев Макаров Беляев Тарасов Белов Комаров"
        ).split(),
        "male": {
            "Иван": ("Иванович", "Ивановна"), "Илья": ("Ильич", "Ильинична"),
            "Кузьма": ("Кузьмич", "Кузьминична"), "Яков": ("Яковлевич", "Яковлевна"),
            "Пётр": ("Петрович", "Петровна"), "Николай": ("Николаевич", "Николаевна"),
            "Сергей": ("Сергеевич", "Сергеевна"), "Михаил": ("Михайлович", "Михайловна"),
            "Василий": ("Васильевич", "Васильевна"), "Фёдор": ("Фёдорович", "Фёдоровна"),
        },
        "female": "Анна Мария Прасковья Евдокия Татьяна Ольга Нина Вера Клавдия".split(),
    },
    "german": {
        "surnames": (
            "Шмидт Лоос Вагнер Беккер Шнайдер Майер Фишер Классен Функ Рихтер Вебер Шульц "
            "Гофман Келлер Гартман Циммерман Браун Крюгер Гербер Мюллер Тиссен Дик Фриз Янцен "
            "Нейфельд Пеннер Гильдебрандт Шеленберг Винс Тевс"
        ).split(),
        "male": {
            "Генрих": ("Генрихович", "Генриховна"), "Иоганн": ("Иванович", "Ивановна"),
            "Фридрих": ("Фридрихович", "Фридриховна"), "Карл": ("Карлович", "Карловна"),
            "Готлиб": ("Готлибович", "Готлибовна"), "Яков": ("Яковлевич", "Яковлевна"),
            "Давид": ("Давидович", "Давидовна"), "Андреас": ("Андреевич", "Андреевна"),
            "Петер": ("Петрович", "Петровна"), "Александр": ("Александрович", "Александровна"),
        },
        "female": "Эмма Мария Анна Эльза Фрида Амалия Лидия Екатерина Паулина".split(),
    },
    "polish": {
        "surnames": (
            "Ковальский Новак Вишневский Ковальчик Зелинский Каминский Левандовский Домбровский "
            "Козловский Мазур Кравчик Яворский Вуйцик Куявский Сикорский"
        ).split(),
        "male": {
            "Юзеф": ("Иосифович", "Иосифовна"), "Станислав": ("Станиславович", "Станиславовна"),
            "Ян": ("Янович", "Яновна"), "Казимир": ("Казимирович", "Казимировна"),
            "Антон": ("Антонович", "Антоновна"), "Франц": ("Францевич", "Францевна"),
        },
        "female": "Ядвига Ванда Стефания Мария Анна Гелена".split(),
    },
    "kazakh": {
        "surnames": "Сейтов Жумабаев Касымов Исаев Нурланов Ахметов Бекетов Сериков".split(),
        "male": {name: ("", "") for name in "Ахмет Бекет Нурлан Серик Касым Жумабай".split()},
        "female": "Айша Бибигуль Гульнара Зейнеп Камила Сауле".split(),
    },
}  # fmt: skip
NATION_SHARE = [("russian", 0.35), ("german", 0.35), ("polish", 0.15), ("kazakh", 0.15)]
VILLAGES = [
    f"с. {n}"
    for n in (
        "Гнадендорф Розенталь Марьевка Кочубеевка Бекдала Талды Зельман Франк Лесное Ягодное "
        "Нойгоффнунг Покровка"
    ).split()
]
# A clerk's spellings of a Russified patronymic: the same father.
VARIANTS = {"Генрихович": "Гейнрихович", "Яковлевич": "Якович", "Генриховна": "Гейнриховна"}
STYLES = [("block", 0.65), ("memorial", 0.15), ("initials", 0.1), ("none", 0.1)]
IN_LIST, NAMED = 0.85, 0.9  # a relative is on the list; a relative is named in a record
BLOCK_HEADINGS = [
    ("parent", "Отец/мать"), ("sibling", "Братья/сестры"), ("spouse", None), ("child", "Дети"),
    ("grandchild", "Внуки/внучки"), ("grandparent", "Дедушки/бабушки"),
]  # fmt: skip


def feminine(surname: str) -> str:
    for masc, fem in (("ский", "ская"), ("ов", "ова"), ("ев", "ева"), ("ин", "ина")):
        if surname.endswith(masc):
            return surname[: -len(masc)] + fem
    return surname


@dataclass
class Member:
    key: str
    surname: str  # masculine form
    given: str
    patronymic: str
    sex: str
    year: int
    village: str
    nation: str
    father: "Member | None" = None
    mother: "Member | None" = None
    spouse: "Member | None" = None
    children: list = field(default_factory=list)
    listed: bool = True

    @property
    def full_name(self) -> str:
        surname = feminine(self.surname) if self.sex == "F" else self.surname
        return " ".join(p for p in (surname, self.given, self.patronymic) if p)

    def kin(self) -> list[tuple[str, "Member"]]:
        parents = [p for p in (self.father, self.mother) if p]
        siblings = {id(c): c for p in parents for c in p.children if c is not self}
        grandchildren = [g for c in self.children for g in c.children]
        grandparents = [g for p in parents for g in (p.father, p.mother) if g]
        return (
            [("parent", p) for p in parents]
            + [("sibling", s) for s in siblings.values()]
            + ([("spouse", self.spouse)] if self.spouse else [])
            + [("child", c) for c in self.children]
            + [("grandchild", g) for g in grandchildren]
            + [("grandparent", g) for g in grandparents]
        )


@dataclass
class FamilyList:
    rows: list[dict]
    stated: set  # (type, a, b): a is the mother/father/spouse/sibling of b, named on the list
    true: set  # every such link between listed persons


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.members: list[Member] = []

    def pick(self, weighted):
        roll, total = self.rng.random(), 0.0
        for value, share in weighted:
            total += share
            if roll < total:
                return value
        return weighted[-1][0]

    def person(self, nation, surname, sex, year, village, father=None) -> Member:
        names = NATIONS[nation]
        taken = {c.given for c in father.children} if father is not None else set()
        pool = [n for n in (names["male"] if sex == "M" else names["female"]) if n not in taken]
        given = self.rng.choice(pool or list(names["male"] if sex == "M" else names["female"]))
        patronymic = ""
        if father is not None:
            patronymic = NATIONS[nation]["male"][father.given][0 if sex == "M" else 1]
            if patronymic in VARIANTS and self.rng.random() < 0.15:
                patronymic = VARIANTS[patronymic]
        elif nation != "kazakh":
            patronymic = self.rng.choice(list(names["male"].values()))[0 if sex == "M" else 1]
        member = Member(f"F{len(self.members) + 1}", surname, given, patronymic, sex, year,
                        village, nation, father=father)  # fmt: skip
        self.members.append(member)
        return member

    def children(self, father: Member, mother: Member, first: int, count: int) -> None:
        year = first
        for _ in range(count):
            if year - mother.year > 45:
                break
            child = self.person(father.nation, father.surname, self.rng.choice("MF"), year,
                                father.village, father)  # fmt: skip
            child.mother = mother
            father.children.append(child)
            mother.children.append(child)
            year += self.rng.randint(1, 4)

    def family(self) -> None:
        nation = self.pick(NATION_SHARE)
        surname = self.rng.choice(NATIONS[nation]["surnames"])
        village = self.rng.choice(VILLAGES)
        born = self.rng.randint(1855, 1885)
        grandfather = self.person(nation, surname, "M", born - self.rng.randint(22, 40), village)
        grandfather.listed = False  # named by his son, never on the list
        head = self.person(nation, surname, "M", born, village, grandfather)
        grandfather.children.append(head)
        wife = self.person(nation, surname, "F", born + self.rng.randint(-2, 8), village)
        head.spouse, wife.spouse = wife, head
        first = wife.year + self.rng.randint(18, 30)
        self.children(head, wife, first, self.rng.randint(2, 6))
        for son in [c for c in head.children if c.sex == "M" and c.year <= 1915]:
            if self.rng.random() < 0.6:
                year = son.year + self.rng.randint(-3, 6)
                daughter_in_law = self.person(nation, son.surname, "F", year, village)
                son.spouse, daughter_in_law.spouse = daughter_in_law, son
                first = daughter_in_law.year + self.rng.randint(18, 30)
                self.children(son, daughter_in_law, first, self.rng.randint(1, 4))


def _named(member: Member, style: str, relative: str = "") -> str:
    if style == "initials":
        surname = feminine(member.surname) if member.sex == "F" else member.surname
        initials = " ".join(f"{p[0]}." for p in (member.given, member.patronymic) if p)
        return f"{surname} {initials}"
    if style == "memorial" and relative == "child":
        return f"{member.given} ({member.year})"
    return f"{member.full_name} ({member.year})"


def _relatives_text(member: Member, rng: random.Random, style: str) -> tuple[str, list]:
    named = [(role, m) for role, m in member.kin() if rng.random() < NAMED]
    if style == "none" or not named:
        return "", []
    sections = []
    for role, heading in BLOCK_HEADINGS:
        people = [m for r, m in named if r == role]
        if not people:
            continue
        if heading is None:
            heading = "Муж" if member.sex == "F" else "Жена"
        sections.append(f"{heading}: " + ", ".join(_named(m, style, role) for m in people))
    text = "; ".join(sections)
    if style == "block":
        text += "Источники данных: Книга памяти (синтетическая)"
    return text, named


def family_list(families: int = 300, seed: int = 21) -> FamilyList:
    """The list's rows (generic registry fields) and its truth."""
    generator = _Generator(seed)
    for _ in range(families):
        generator.family()
    rng = generator.rng
    for member in generator.members:
        if member.listed and member.father is not None and rng.random() > IN_LIST:
            member.listed = False
    listed = [m for m in generator.members if m.listed]
    rows, stated = [], set()
    for member in listed:
        style = generator.pick(STYLES)
        text, named = _relatives_text(member, rng, style)
        rows.append(
            {
                "record_id": member.key,
                "full_name": member.full_name,
                "sex": "м" if member.sex == "M" else "ж",
                "birth_date": str(member.year),
                "birth_place": member.village,
                "relatives": text,
            }
        )
        for role, other in named:
            if other.listed:
                stated.add(_link(role, member, other))
    true = {_link(role, m, other) for m in listed for role, other in m.kin() if other.listed} - {
        None
    }
    return FamilyList(rows, stated - {None}, true)


def _link(role: str, member: Member, other: Member):
    """(type, a, b) as the registry stores links, or None for kin it does not link."""
    if role == "parent":
        return ("father" if other.sex == "M" else "mother", other.key, member.key)
    if role == "child":
        return ("father" if member.sex == "M" else "mother", member.key, other.key)
    if role in ("spouse", "sibling"):
        a, b = sorted((member.key, other.key))
        return (role, a, b)
    return None
