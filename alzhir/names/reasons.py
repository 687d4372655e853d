"""A reason, as the engines give it: a code with its values, which reads as its English sentence
wherever text is wanted (the CLI, the JSON interfaces, tests), and which the site renders in the
page's language from the code (alzhir.web.reasons), never by translating the English.

A `str` subclass on purpose: every caller that compared, joined or serialised the English
reasons before keeps working unchanged, and the code and values travel with the text."""

from __future__ import annotations

ENGLISH = {
    # the names engine (compare)
    "double_half_only": "double surnames share only one half",
    "double_part": "part of a double-barrelled surname",
    "transliteration": "transliteration",
    "declined_form": "feminine or declined form",
    "surname_spelling": "surname spelling",
    "sounds_alike": "surnames sound alike",
    "typo": "typo in the {part}: {written} for {meant} ({slips})",
    "initial_agrees": "initial agrees",
    "equivalent_given": "equivalent given names {a} → {b}",
    "syllables_alike": "syllables of a Chinese or Korean given name sound alike",
    "shortened_given": "shortened given name",
    "patronymic_initial": "patronymic initial agrees",
    "different_sex": "different sex",
    "other_sex_form": "the surname in the other sex's form",
    "part_differs": "{part} differs",
    "nothing_to_compare": "nothing to compare",
    # search (alzhir.search.reasons and the engine)
    "tradition_of": "{tradition} of {surname}",
    "other_script": "{recorded} is {query} in another script",
    "written_other_script": "{recorded} is written in another script",
    "feminine_form": "feminine form of {query}",
    "masculine_form": "masculine form of {query}",
    "masculine_of_case_form": (
        "masculine form of the surname that «{query}» is a woman's case form of"
    ),
    "case_form": "«{query}» read as a case form (genitive, dative…) of {found}",
    "spelled": "{query} spelled {found}",
    "given_first": "given name first",
    "double_surname": "part of the double surname {surname}",
    "as_recorded": "the name as recorded",
    "born": "born {year}",
    "born_not_then": "born {year}, not then",
    "place": "place: {places}",
    "text_mentions": "text mentions: {words}",
    "matches_filters": "matches the filters",
}

# How one slip reads: (kind, letters…) → English.
SLIP_ENGLISH = {
    "swapped": "«{0}» and «{1}» swapped",
    "for": "«{0}» for «{1}»",
    "missing": "«{0}» missing",
    "extra": "extra «{0}»",
}

TRADITIONS = {
    "fr": "French transliteration",
    "de": "German transliteration",
    "pl": "Polish spelling",
    "scholarly": "scholarly transliteration (ISO 9 / GOST)",
    "gost_779_alt": "GOST 7.79 transliteration",
    "en": "English transliteration",
    "": "transliteration",
}


def slips_in_english(slips) -> str:
    return ", ".join(SLIP_ENGLISH[kind].format(*letters) for kind, *letters in slips)


class Reason(str):
    """`Reason("born", year=1906)` is the text "born 1906", with `.code` and `.values`."""

    code: str
    values: dict

    def __new__(cls, code: str, **values):
        english = dict(values)
        if "slips" in english:
            english["slips"] = slips_in_english(english["slips"])
        if "tradition" in english:
            english["tradition"] = TRADITIONS.get(english["tradition"], TRADITIONS[""])
        reason = super().__new__(cls, ENGLISH[code].format(**english))
        reason.code = code
        reason.values = values
        return reason

    def __reduce__(self):
        return _rebuild, (self.code, self.values)

    def __deepcopy__(self, memo):
        return self  # immutable, like the str it is

    def as_json(self) -> dict:
        return {"code": self.code, **self.values}


def _rebuild(code: str, values: dict) -> Reason:
    return Reason(code, **values)
