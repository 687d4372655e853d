"""`alzhir events unparsed`: every record with unread sentence text, grouped, never dropped."""

import io
import json
from argparse import Namespace

import pytest

from alzhir.stats.cli import run_events
from alzhir.stats.unparsed import pattern_of, unparsed_fragments

pytestmark = pytest.mark.django_db


def test_fragments_differing_only_in_dates_and_places_share_a_pattern():
    a = pattern_of("Убыла 11.10.1941 в распоряжение 1-го спецотдела УНКВД по Чкаловской обл.")
    b = pattern_of("Убыла 2.03.1942 в распоряжение 1-го спецотдела УНКВД по Омской обл.")
    assert a == b == "Убыла ДД.ММ.ГГГГ в распоряжение N-го спецотдела УНКВД по … обл"
    assert pattern_of("В АЛЖИРе находилась до 111.05.1944") == (
        pattern_of("В АЛЖИРе находилась до 1_.05.1944")
    )
    assert pattern_of("Дальнейшая судьба неизвестна") != a


def test_every_record_with_unread_text_is_listed_private_ones_too(camp):
    fragments = ["Дело прекращено Алтайским крайсудом", "Архивное личное дело N123"]
    camp.woman("Первая", fields={"sentence": "к 8 годам ИТЛ. " + fragments[0],
                                 "sentence_unparsed": [fragments[0]]})  # fmt: skip
    camp.woman("Вторая", private=True, fields={"sentence": fragments[1],
                                               "sentence_unparsed": [fragments[1]]})  # fmt: skip
    camp.woman("Третья", fields={"sentence": "к 8 годам ИТЛ"})
    patterns, records = unparsed_fragments()
    assert records == 2
    assert sorted(i.fragment for p in patterns for i in p.items) == sorted(fragments)

    out = io.StringIO()
    run_events(Namespace(events_command="unparsed", json=True, source=[]), out)
    result = json.loads(out.getvalue())
    assert result["records"] == 2 and result["fragments"] == 2
    assert {i["record_id"] for p in result["patterns"] for i in p["items"]} == {"1", "2"}

    out = io.StringIO()
    run_events(Namespace(events_command="unparsed", json=False, source=["other"]), out)
    assert out.getvalue().startswith("0 records")
