"""Hypothesis: every well-behaved scheme's rendering of a Cyrillic name meets the original."""

import iuliia
from hypothesis import given, settings
from hypothesis import strategies as st

from alzhir.names import canonical, compare, phonetic_key, surname_key
from alzhir.names.translit import phonetic_keys

SURNAMES = ["Плисецкая", "Тухачевская", "Калинина", "Щербакова", "Жукова", "Хрущёва",
            "Цветаева", "Объедкова", "Ерёменко", "Налбандян", "Джугашвили", "Мессерер",
            "Эйхе", "Гинзбург", "Лурье-Трифонова", "Юрьева", "Ильина", "Кузнецова"]  # fmt: skip
GIVEN = ["Рахиль", "Елизавета", "Юлия", "Евгения", "Мария", "Наталья", "Ксения", "Эсфирь",
         "Анастасия", "Татьяна", "Зинаида", "Фаина", "Надежда", "Софья"]  # fmt: skip
PATRONYMIC = ["Михайловна", "Ильинична", "Николаевна", "Яковлевна", "Андреевна",
              "Сергеевна", "Фёдоровна", "Лазаревна", "Исааковна", "Захаровна"]  # fmt: skip
SCHEMES = ["ala_lc", "ala_lc_alt", "bgn_pcgn", "bs_2979", "gost_16876", "gost_52290",
           "gost_52535", "gost_7034", "gost_779", "icao_doc_9303", "iso_9_1954",
           "iso_9_1968", "mosmetro", "mvd_310", "mvd_782", "scientific", "ungegn_1987",
           "wikipedia", "yandex_maps", "yandex_money"]  # fmt: skip

names = st.builds(
    lambda s, g, p: f"{s} {g} {p}",
    st.sampled_from(SURNAMES),
    st.sampled_from(GIVEN),
    st.sampled_from(PATRONYMIC),
)


@settings(max_examples=300, deadline=None)
@given(name=names, scheme=st.sampled_from(SCHEMES))
def test_every_scheme_lands_on_the_same_key(name, scheme):
    rendered = iuliia.schemas.get(scheme).translate(name)
    # A Latin "j" may be й/я (ISO 9, scientific) or ж (Telegram, French): the rendering keeps
    # every reading, and one of them must be the original's key.
    assert phonetic_key(name) in phonetic_keys(rendered)
    assert compare(rendered, name).same


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_folds_to_lowercase_ascii_words(text):
    for key in (canonical(text), phonetic_key(text), surname_key(text)):
        assert all(ch in "abcdefghijklmnopqrstuvwxyz- " for ch in key)


@settings(max_examples=200, deadline=None)
@given(a=names, b=names)
def test_compare_score_is_bounded_and_symmetric_in_verdict(a, b):
    ab, ba = compare(a, b), compare(b, a)
    assert 0.0 <= ab.score <= 1.0
    assert ab.same == ba.same
