"""A short biography composed from a person's timeline, in the page's language: «Арестована в
1937 году (Москва). Осуждена в 1938 году; обвинение: «ЧСИР»; срок: 8 лет ИТЛ. Прибыла в
АЛЖИР 12.02.1938 …».

Every sentence is a whole message of its own, by the person's sex (Russian verbs agree with
it; an unknown sex gets a noun instead of a verb), with or without a date, so translators
order the words as their language does (Kazakh puts the date and the place before the verb).
A place stands alone in brackets, never after a preposition that would need its case. The
accusation is quoted and attributed, never stated as fact."""

from django.utils.translation import pgettext, pgettext_lazy

from alzhir.web.date_words import date_in_sentence
from alzhir.web.terms import term_words

# type → sex → (with a date, without one)
SENTENCES = {
    "arrest": {
        "F": (pgettext_lazy("female", "Arrested %(when)s."), pgettext_lazy("female", "Arrested.")),
        "M": (pgettext_lazy("male", "Arrested %(when)s."), pgettext_lazy("male", "Arrested.")),
        "U": (pgettext_lazy("sex unknown", "Arrest: %(when)s."),
              pgettext_lazy("sex unknown", "Arrest.")),
    },
    "sentence": {
        "F": (pgettext_lazy("female", "Sentenced %(when)s."),
              pgettext_lazy("female", "Sentenced.")),
        "M": (pgettext_lazy("male", "Sentenced %(when)s."), pgettext_lazy("male", "Sentenced.")),
        "U": (pgettext_lazy("sex unknown", "Sentence: %(when)s."),
              pgettext_lazy("sex unknown", "Sentence.")),
    },
    "camp_arrival": {
        "F": (pgettext_lazy("female", "Arrived in the camp %(when)s."),
              pgettext_lazy("female", "Arrived in the camp.")),
        "M": (pgettext_lazy("male", "Arrived in the camp %(when)s."),
              pgettext_lazy("male", "Arrived in the camp.")),
        "U": (pgettext_lazy("sex unknown", "Arrival in the camp: %(when)s."),
              pgettext_lazy("sex unknown", "Arrival in the camp.")),
    },
    "alzhir_arrival": {
        "F": (pgettext_lazy("female", "Arrived in ALZHIR %(when)s."),
              pgettext_lazy("female", "Arrived in ALZHIR.")),
        "M": (pgettext_lazy("male", "Arrived in ALZHIR %(when)s."),
              pgettext_lazy("male", "Arrived in ALZHIR.")),
        "U": (pgettext_lazy("sex unknown", "Arrival in ALZHIR: %(when)s."),
              pgettext_lazy("sex unknown", "Arrival in ALZHIR.")),
    },
    "release": {
        "F": (pgettext_lazy("female", "Released %(when)s."), pgettext_lazy("female", "Released.")),
        "M": (pgettext_lazy("male", "Released %(when)s."), pgettext_lazy("male", "Released.")),
        "U": (pgettext_lazy("sex unknown", "Release: %(when)s."),
              pgettext_lazy("sex unknown", "Release.")),
    },
    "exile": {
        "F": (pgettext_lazy("female", "Sent into exile %(when)s."),
              pgettext_lazy("female", "Sent into exile.")),
        "M": (pgettext_lazy("male", "Sent into exile %(when)s."),
              pgettext_lazy("male", "Sent into exile.")),
        "U": (pgettext_lazy("sex unknown", "Exile: %(when)s."),
              pgettext_lazy("sex unknown", "Exile.")),
    },
    "death": {
        "F": (pgettext_lazy("female", "Died %(when)s."), pgettext_lazy("female", "Died.")),
        "M": (pgettext_lazy("male", "Died %(when)s."), pgettext_lazy("male", "Died.")),
        "U": (pgettext_lazy("sex unknown", "Death: %(when)s."),
              pgettext_lazy("sex unknown", "Death.")),
    },
    "execution": {
        "F": (pgettext_lazy("female", "Shot %(when)s."), pgettext_lazy("female", "Shot.")),
        "M": (pgettext_lazy("male", "Shot %(when)s."), pgettext_lazy("male", "Shot.")),
        "U": (pgettext_lazy("sex unknown", "Execution: %(when)s."),
              pgettext_lazy("sex unknown", "Execution.")),
    },
    "rehabilitation": {
        "F": (pgettext_lazy("female", "Rehabilitated %(when)s."),
              pgettext_lazy("female", "Rehabilitated.")),
        "M": (pgettext_lazy("male", "Rehabilitated %(when)s."),
              pgettext_lazy("male", "Rehabilitated.")),
        "U": (pgettext_lazy("sex unknown", "Rehabilitation: %(when)s."),
              pgettext_lazy("sex unknown", "Rehabilitation.")),
    },
}  # fmt: skip
ALZHIR_KEYS = {"alzhir", "camp-point-26"}


def _sentence(kind: str, sex: str, when: str) -> str:
    dated, undated = SENTENCES[kind][sex if sex in ("F", "M") else "U"]
    return str(dated) % {"when": when} if when else str(undated)


def _in_alzhir(entry) -> bool:
    return any(
        (e.place is not None and e.place.key in ALZHIR_KEYS)
        or "алжир" in (e.place_text or "").casefold()
        or "акмолинск" in (e.place_text or "").casefold()
        for e in entry.events
    )


def _when(entry) -> str:
    dated = [e for e in entry.events if e.date_edtf]
    return date_in_sentence(dated[0].date_edtf) if dated else ""


def compose(person, entries) -> list[str]:
    """The sentences of her life, in the order of the timeline; each event kind once (the first
    arrival, the first release), as a reader wants the outline before the detail."""
    sentences, told = [], set()
    for entry in entries:
        kind = entry.type
        if kind == "camp_arrival" and _in_alzhir(entry):
            kind = "alzhir_arrival"
        if kind not in SENTENCES or kind in told:
            continue
        told.add(kind)
        text = _sentence(kind, person.sex, _when(entry))
        extras = []
        if entry.place and kind not in ("alzhir_arrival",):
            extras.append(entry.place)
        if extras:
            text = pgettext("biography", "%(sentence)s (%(place)s)") % {
                "sentence": text.rstrip("."), "place": ", ".join(extras)
            } + "."  # fmt: skip
        if kind == "sentence":
            text = _sentence_details(text, entry)
        sentences.append(text)
    return sentences


def _sentence_details(text: str, entry) -> str:
    """The sentencing body, the accusation (quoted: the accusers' words) and the term."""
    first = entry.events[0]
    parts = []
    if first.institution:
        parts.append(pgettext("biography", "by: %(body)s") % {"body": first.institution})
    charge = first.charge or first.legal_article
    if charge:
        parts.append(
            pgettext("biography", "charged, in the words of the case, as «%(charge)s»")
            % {"charge": charge.strip("«»\" ")}
        )
    term = term_words(first.term)
    if term:
        parts.append(pgettext("biography", "term: %(term)s") % {"term": term})
    if not parts:
        return text
    return pgettext("biography", "%(sentence)s; %(details)s.") % {
        "sentence": text.rstrip("."), "details": "; ".join(parts)
    }  # fmt: skip
