"""Reasons and explanations in the page's language.

Search reasons arrive as alzhir.names.reasons.Reason (a code with values) and are said from
their code here. A linkage explanation is stored one line per comparison in the grammar of
alzhir.linkage.explain ("surname: same after gender and case fold, +6.1"): the comparison and
level are the model's own labels, which serve as codes (every label of the settings has its
words below: tests/web/test_reasons.py keeps the two equal); the weight is said in words
("strong evidence for"), with the number beside it for staff. A text that is neither is shown
as it was written."""

import re

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy, pgettext_lazy

from alzhir.names.reasons import ENGLISH, Reason

SEARCH = {
    "double_half_only": gettext_lazy("the double surnames share only one half"),
    "double_part": gettext_lazy("part of a double-barrelled surname"),
    "transliteration": gettext_lazy("the same surname in another alphabet"),
    "declined_form": gettext_lazy("the surname in its feminine or declined form"),
    "surname_spelling": gettext_lazy("another spelling of the surname"),
    "sounds_alike": gettext_lazy("the surnames sound alike"),
    "initial_agrees": gettext_lazy("the initial agrees"),
    "equivalent_given": gettext_lazy("the same given name in another form: %(a)s → %(b)s"),
    "syllables_alike": gettext_lazy("the syllables of the given name sound alike"),
    "shortened_given": gettext_lazy("a shortened given name"),
    "patronymic_initial": gettext_lazy("the initial of the patronymic agrees"),
    "different_sex": gettext_lazy("a person of the other sex"),
    "other_sex_form": gettext_lazy("the surname in the other sex's form"),
    "nothing_to_compare": gettext_lazy("nothing to compare"),
    "other_script": gettext_lazy("%(recorded)s is %(query)s in another alphabet"),
    "written_other_script": gettext_lazy("%(recorded)s is written in another alphabet"),
    "feminine_form": gettext_lazy("the feminine form of the surname %(query)s"),
    "masculine_form": gettext_lazy("the masculine form of the surname %(query)s"),
    "masculine_of_case_form": gettext_lazy(
        "«%(query)s» is a case form of a woman's surname; this is its masculine form"
    ),
    "case_form": gettext_lazy("«%(query)s» read as a case form (genitive, dative…) of %(found)s"),
    "spelled": gettext_lazy("%(query)s, spelled %(found)s"),
    "given_first": gettext_lazy("the given name written first"),
    "double_surname": gettext_lazy("part of the double surname %(surname)s"),
    "as_recorded": gettext_lazy("the name as the source recorded it"),
    "born": gettext_lazy("year of birth: %(year)s"),
    "born_not_then": gettext_lazy("year of birth %(year)s, not the one searched for"),
    "place": gettext_lazy("place: %(places)s"),
    "text_mentions": gettext_lazy("the records' text mentions: %(words)s"),
    "matches_filters": gettext_lazy("matches the filters"),
}
TRADITION_OF = {
    "fr": gettext_lazy("French transliteration of %(surname)s"),
    "de": gettext_lazy("German transliteration of %(surname)s"),
    "pl": gettext_lazy("Polish spelling of %(surname)s"),
    "scholarly": gettext_lazy("scholarly transliteration (ISO 9 / GOST) of %(surname)s"),
    "gost_779_alt": gettext_lazy("GOST 7.79 transliteration of %(surname)s"),
    "en": gettext_lazy("English transliteration of %(surname)s"),
    "": gettext_lazy("transliteration of %(surname)s"),
}
# A slip in each part of a name: the part is in each language's own case inside the sentence.
TYPO = {
    "surname": gettext_lazy("a slip in the surname: %(written)s for %(meant)s (%(slips)s)"),
    "given name": gettext_lazy("a slip in the given name: %(written)s for %(meant)s (%(slips)s)"),
    "patronymic": gettext_lazy("a slip in the patronymic: %(written)s for %(meant)s (%(slips)s)"),
}
PART_DIFFERS = {
    "surname": gettext_lazy("the surname differs"),
    "given": gettext_lazy("the given name differs"),
    "patronymic": gettext_lazy("the patronymic differs"),
}
SLIPS = {
    "swapped": gettext_lazy("«%(0)s» and «%(1)s» swapped"),
    "for": gettext_lazy("«%(0)s» for «%(1)s»"),
    "missing": gettext_lazy("«%(0)s» missing"),
    "extra": gettext_lazy("an extra «%(0)s»"),
}


def say(reason) -> str:
    """A reason in the active language: from its code when it has one, else as written."""
    if not isinstance(reason, Reason):
        return str(reason)
    values = dict(reason.values)
    code = reason.code
    if code == "typo":
        values["slips"] = ", ".join(
            str(SLIPS[kind]) % {str(i): letter for i, letter in enumerate(letters)}
            for kind, *letters in values["slips"]
        )
        template = TYPO.get(values["part"])
    elif code == "tradition_of":
        template = TRADITION_OF.get(values["tradition"], TRADITION_OF[""])
    elif code == "part_differs":
        template = PART_DIFFERS.get(values["part"])
    else:
        template = SEARCH.get(code)
    return str(template) % values if template is not None else str(reason)


# The linkage model's comparisons and levels (alzhir.linkage.settings), in words.
COMPARISONS = {
    "surname": pgettext_lazy("compared field", "surname"),
    "given name": pgettext_lazy("compared field", "given name"),
    "father's name (patronymic)": pgettext_lazy("compared field", "patronymic"),
    "birth date": pgettext_lazy("compared field", "birth date"),
    "birth place": pgettext_lazy("compared field", "birth place"),
    "residence": pgettext_lazy("compared field", "residence"),
    "camp": pgettext_lazy("compared field", "camp"),
    "occupation": pgettext_lazy("compared field", "occupation"),
    "sex": pgettext_lazy("compared field", "sex"),
    "sentence date": pgettext_lazy("compared field", "sentence date"),
    "camp arrival date": pgettext_lazy("compared field", "camp arrival date"),
}
LEVELS = {
    "same": pgettext_lazy("match level", "the same"),
    "different": pgettext_lazy("match level", "different"),
    "not known on both records": pgettext_lazy("match level", "not known on both records"),
    "a place name in common": pgettext_lazy("match level", "a place name in common"),
    "different places": pgettext_lazy("match level", "different places"),
    "initial agrees with the name": pgettext_lazy("match level", "the initial agrees"),
    "more than ten years apart": pgettext_lazy("match level", "more than ten years apart"),
    "one digit differs": pgettext_lazy("match level", "one digit differs"),
    "one half of a double surname agrees": pgettext_lazy(
        "match level", "one half of a double surname agrees"
    ),
    "one letter differs": pgettext_lazy("match level", "one letter differs"),
    "one year apart": pgettext_lazy("match level", "one year apart"),
    "same after gender and case fold": pgettext_lazy(
        "match level", "the same once gender and case endings are set aside"
    ),
    "same day": pgettext_lazy("match level", "the same day"),
    "same name in another form": pgettext_lazy("match level", "the same name in another form"),
    "same place": pgettext_lazy("match level", "the same place"),
    "same year": pgettext_lazy("match level", "the same year"),
    "same year, another day": pgettext_lazy("match level", "the same year, another day"),
    "similar place name": pgettext_lazy("match level", "a similar place name"),
    "sounds the same": pgettext_lazy("match level", "sounds the same"),
    "spelled almost the same": pgettext_lazy("match level", "spelled almost the same"),
    "spelled similarly": pgettext_lazy("match level", "spelled similarly"),
    "spelled somewhat alike": pgettext_lazy("match level", "spelled somewhat alike"),
    "surname and given name swapped": pgettext_lazy(
        "match level", "surname and given name swapped"
    ),
    "the only name is the other's surname": pgettext_lazy(
        "match level", "the only name is the other's surname"
    ),
    "two years apart": pgettext_lazy("match level", "two years apart"),
    "years differ": pgettext_lazy("match level", "the years differ"),
}
# How much a comparison moved the score, by its weight (log2 of the odds it multiplies by).
STRENGTHS = [
    (0.5, gettext_lazy("counts for nothing either way")),
    (2.0, gettext_lazy("weak evidence for"), gettext_lazy("weak evidence against")),
    (5.0, gettext_lazy("evidence for"), gettext_lazy("evidence against")),
    (float("inf"), gettext_lazy("strong evidence for"), gettext_lazy("strong evidence against")),
]
NAME_REASONS = {english: code for code, english in ENGLISH.items() if "{" not in english}
EXPLANATION_LINE = re.compile(r"^(?P<field>[^:]+): (?P<level>.+), (?P<weight>[+-]\d+(?:\.\d+)?)$")


def strength(weight: float) -> str:
    for limit, *words in STRENGTHS:
        if abs(weight) < limit:
            return str(words[0] if len(words) == 1 else words[0 if weight > 0 else 1])
    raise AssertionError("the last strength has no limit")


def explanation_line(line) -> dict:
    """One line of a stored match explanation as {field, level, strength, weight} in words,
    or {text} when it is not in the linkage grammar."""
    found = EXPLANATION_LINE.match(str(line)) if isinstance(line, str) else None
    if not found or found["field"] not in COMPARISONS:
        return {"text": str(line)}
    level = LEVELS.get(found["level"])
    if level is None and found["level"] in NAME_REASONS:
        level = say(Reason(NAME_REASONS[found["level"]]))  # a names-engine reason as a level
    if level is None:
        return {"text": str(line)}
    weight = float(found["weight"])
    return {
        "field": str(COMPARISONS[found["field"]]),
        "level": str(level),
        "strength": strength(weight),
        # staff may see the weight itself, signed as the model gave it
        "weight": f"{'+' if weight > 0 else '−'}{number_format(abs(weight), 1)}"
        if abs(weight) >= 0.05
        else "",
    }
