"""Hand-made camp records (for exact expectations) and a fresh report cache for every test."""

from datetime import date

import pytest

from alzhir.registry.models import Event, Person, Place, Record, Source
from alzhir.stats.report import forget_reports


@pytest.fixture(autouse=True)
def fresh_reports():
    forget_reports()
    yield
    forget_reports()


class Camp:
    """Builds records the way the import pipeline leaves them, one person per record."""

    def __init__(self):
        self.karlag = Place.objects.create(key="karlag", name="Карлаг", type="camp")
        self.alzhir = Place.objects.create(
            key="alzhir", name="АЛЖИР", type="camp", part_of=self.karlag
        )
        self.moscow = Place.objects.create(key="moscow", name="Москва", type="settlement")
        self.butyrka = Place.objects.create(
            key="butyrka", name="Бутырская тюрьма", type="prison", part_of=self.moscow
        )
        self.sources = {}
        self.count = 0

    def source(self, name="memory-book", synthetic=False) -> Source:
        if name not in self.sources:
            self.sources[name] = Source.objects.create(name=name, is_synthetic=synthetic)
        return self.sources[name]

    def woman(self, name, born=None, source="memory-book", synthetic=False, private=False,
              fields=None, events=()) -> Record:  # fmt: skip
        self.count += 1
        person = Person.objects.create(display_name=name, sort_name=name.casefold(), sex="F",
                                       is_synthetic=synthetic,
                                       has_public_records=not private)  # fmt: skip
        record = Record.objects.create(
            source=self.source(source, synthetic), record_id=str(self.count), person=person,
            original={"fullname_y": name}, fields=fields or {}, sex="F", is_private=private,
            birth_lower=date(born, 1, 1) if born else None,
            birth_upper=date(born, 12, 31) if born else None,
        )  # fmt: skip
        for event in events:
            self.event(record, **event)
        return record

    def event(self, record, type, on=None, until=None, **details) -> Event:
        lower = date.fromisoformat(on) if on else None
        upper = date.fromisoformat(until) if until else lower
        return Event.objects.create(record=record, type=type, date_lower=lower, date_upper=upper,
                                    date_edtf=on or "", **details)  # fmt: skip


@pytest.fixture
def camp(db) -> Camp:
    return Camp()
