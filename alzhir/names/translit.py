"""Script detection, transliteration to one canonical Latin form, and the folds behind keys.

Written by hand because no library does this job: `iuliia` renders Cyrillic into 28 schemes
but cannot read them back, `unidecode` folds ISO 9's «č» to "c" while Cyrillic «ч» becomes
"ch", and ICU's Latin→Cyrillic is useless for names. Here every Latin spelling is first read
in the tradition its cues reveal (scholarly diacritics, GOST 7.79 B, German, French, Polish,
Telegram, or the English family: BGN/PCGN, passports, ALA-LC, GOST 52535, Yandex) and mapped
onto the same simple English-like scheme that Cyrillic is transliterated into.

The tradition is a property of a whole name, not of one word: "Ziza Atalikowa" is German
because of the "w" in the surname, so its "z" is ц. `name_tradition` reads it from the full
text and every key function takes it as an optional hint.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian, Belarusian, Kazakh letters
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u", "ә": "a", "ғ": "g", "қ": "k",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "kh",
}  # fmt: skip
_CYRILLIC_TABLE = str.maketrans(CYRILLIC_TO_LATIN)

# Latin letters with diacritics from ISO 9, GOST 7.79, scientific, ALA-LC, BS 2979, Polish,
# Czech and French spellings, mapped before the remaining marks are stripped.
LATIN_LETTERS = {
    "š": "sh", "č": "ch", "ž": "zh", "ŝ": "shch", "ĉ": "ch", "ẑ": "zh", "â": "ya", "û": "yu",
    "ë": "yo", "è": "e", "é": "e", "ė": "e", "ê": "e", "ï": "i", "ĭ": "y", "ǐ": "y", "ȳ": "y",
    "ì": "i", "ŭ": "u", "ł": "l", "ż": "zh", "ź": "z", "ś": "s", "ć": "ch", "ń": "n",
    "ó": "o", "ą": "on", "ę": "en", "ř": "r", "ß": "ss", "ç": "s", "ɨ": "y", "ğ": "g",
    "ı": "i", "ə": "a", "ü": "u", "ö": "o", "ä": "a",
}  # fmt: skip
_LATIN_TABLE = str.maketrans(LATIN_LETTERS)

APOSTROPHES = "ʹʺ'’`\"”‘´ʼ‛“"
_VOWELS = "aeiouy"

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff\-ʹʺ'’]+")
_NOT_LOWER_ASCII = re.compile(r"[^a-z\-]")
WORD_SPLIT = re.compile(r"[\s,.;:()\[\]/]+")

# Cues of a spelling tradition, read on the lowercased whole name.
_SCHOLARLY_RE = re.compile(r"[čšžŝâûʹ]|[aeiouyèéëėêâûï]j(?![aeiouyd])|shh|jj")
_POLISH_RE = re.compile(r"sz|cz|[łżśćńąęó]|wicz|ck[aiy]\b")
_POLISH_STRONG_RE = re.compile(r"w|sz|[łżśćńąęó]|j[aeou]")
_RUSSIAN_ASCII_RE = re.compile(r"v|x|zh|sh|kh|y[aeu]")
_GERMAN_RE = re.compile(r"w|tsch|tz|zk(?:aja|i\b|ij)")
_FRENCH_RE = re.compile(r"ou|tch|ï|gu[ei]")
_NOT_FRENCH_RE = re.compile(r"zh|(?<!c)sh|y[au]|w")
# Telegram writes ж as j, х as h, ц as c, я/ю as ia/iu, and never zh, kh, ya, yu or x
_TELEGRAM_RE = re.compile(r"(?<![kscz])h|(?<![aeiouy])i[au]|c(?![hkz])")
_NOT_TELEGRAM_RE = re.compile(r"zh|kh|y[aeiou]|x|w|jj|ʹ|(?<=[bcfgklmnprstvz])j[aeu]|ja\b")
# ISO 9 and GOST write я, ю as ja, ju: Telegram's ja is жа, so it needs its own ия, -ья, ю
_TELEGRAM_IOTATION_RE = re.compile(r"iia|ia\b|(?<![aeiouy])iu")
# GOST 7.0.34 and 7.79 B write х as x and ч, ш as ch, sh; the French scheme writes кс as x
_X_IS_KH_RE = re.compile(r"ks|c(?![hkz])|shh|(?<!d)j|zh|sh|y[aeu]")
_X_IS_KS_RE = re.compile(r"(?<![aeiouy])i[au]|ou|tch")
_NO_APOSTROPHES = {ord(ch): None for ch in APOSTROPHES if ch != "`"}

TRADITIONS = ("gost_779_alt", "scholarly", "pl", "fr", "de", "tg", "en", "en_x", "en_ks")


def detect_script(text: str) -> str:
    """ "Cyrl", "Latn", "mixed" or "none" (no letters of either script)."""
    has_cyrillic = bool(_CYRILLIC_RE.search(text))
    has_latin = bool(_LATIN_RE.search(text))
    if has_cyrillic and has_latin:
        return "mixed"
    if has_cyrillic:
        return "Cyrl"
    if has_latin:
        return "Latn"
    return "none"


@lru_cache(maxsize=1 << 16)
def name_tradition(text: str) -> str:
    """The Latin spelling tradition of a whole name (its words share one); "" for Cyrillic."""
    text = unicodedata.normalize("NFC", text.lower())
    if not _LATIN_RE.search(text):
        return ""
    if "`" in text:
        return "gost_779_alt"
    if _SCHOLARLY_RE.search(text):
        return "scholarly"
    if "cz" in text and not _POLISH_STRONG_RE.search(text) and _RUSSIAN_ASCII_RE.search(text):
        return "gost_779_alt"  # ц as "cz" beside English-like letters is GOST 7.79 B
    if _POLISH_RE.search(text):
        return "pl"
    if _FRENCH_RE.search(text) and not _NOT_FRENCH_RE.search(text):
        return "fr"
    if _GERMAN_RE.search(text):
        return "de"
    if (
        "j" in text
        and _TELEGRAM_RE.search(text)
        and not _NOT_TELEGRAM_RE.search(text)
        and (_TELEGRAM_IOTATION_RE.search(text) or not re.search(r"j[aeiou]", text))
    ):
        return "tg"
    if "x" in text and "kh" not in text and not _X_IS_KS_RE.search(text):
        return "en_x" if _X_IS_KH_RE.search(text) else "en"
    return "en" if "x" not in text or "kh" in text else "en_ks"
    return "en"


def latin_tradition(word: str) -> str:
    """Which spelling tradition a lowercase Latin word shows (see name_tradition)."""
    return name_tradition(word) or "en"


text_tradition = latin_tradition


def _compile(rules: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern), replacement) for pattern, replacement in rules]


def _sub_all(word: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, replacement in rules:
        word = pattern.sub(replacement, word)
    return word


_V = f"[{_VOWELS}]"
# Rules write their output in capitals so that later rules never re-read it.
_EH = (r"(?:^|(?<=[aeiou]))eh(?![aeiouy])", "E")  # э as eh (GOST 16876 alt)
_ENGLISH = [
    (r"shh", "SHCH"), (r"shch", "SHCH"), (r"sch", "SHCH"), (r"sc(?=[aeiouy])", "SHCH"),
    (r"zh", "ZH"), (r"kh", "KH"), (r"ch", "CH"), (r"sh", "SH"), (r"ts", "TS"), (r"tc", "TS"),
    (r"dj", "DZH"), (r"^c(?=[aoulr])|c(?=[lrt])", "K"), (r"c", "TS"), _EH,
]  # fmt: skip
_COMMON_AFTER = [
    (r"(?<=e)jd", "ZHD"),  # Nadejda (Telegram, French); ISO's Zinajda keeps й
    (r"w", "V"),
    (r"ph", "F"),
    (r"ck", "K"),
    (r"(?<![sczkdtg])h", "KH"),  # a lone h is х (Telegram, ISO 9, Czech)
    (r"j", "Y"),
]
_RULES_SOURCE: dict[str, list[tuple[str, str]]] = {
    "gost_779_alt": [
        (r"([ye])`", r"\1"), (r"shh", "SHCH"), (r"cz", "TS"), (r"c(?!h)", "TS"), (r"x", "KH"),
    ],
    "pl": [
        (r"szcz", "SHCH"), (r"sz", "SH"), (r"cz", "CH"), (r"rz", "ZH"), (r"ch", "KH"),
        (r"c", "TS"), (r"x", "KS"),
    ],
    "de": [
        (r"schtsch", "SHCH"), (r"tsch", "CH"), (r"sch", "SH"), (r"ch", "KH"), (r"tz", "TS"),
        (r"(?<![dt])z", "TS"), (rf"(?<={_V})s(?={_V})", "Z"), (r"^s(?={_V})", "Z"),
        (r"ss", "S"), (r"x", "KS"),
    ],
    "fr": [
        (r"chtch", "SHCH"), (r"tch", "CH"), (r"ch", "SH"), (r"kh", "KH"),
        (r"(?<![kstz])j", "ZH"), (r"ou", "U"), (r"gu(?=[ei])", "G"), (r"qu", "K"),
        (r"ss", "S"), (r"x", "KS"),
    ],
    # Telegram: ж is j, х a lone h, щ "sc", ц "c"
    "tg": [(r"(?<!d)j", "ZH"), *_ENGLISH],
    # x is х in GOST 7.0.34 and the scientific scheme, кс in Western forms; with no cue in
    # the name, кс only where Russian names have it (Alexandra, Axenova, Xenia, Maxim)
    "en": [*_ENGLISH, (r"(?<=le)x|x(?=e)|^x|(?<=ma)x(?=i)", "KS"), (r"x", "KH")],
    "en_ks": [*_ENGLISH, (r"x", "KS")],
    "en_x": [*_ENGLISH, (r"(?<=le)x|^x(?=e)", "KS"), (r"x", "KH")],
}  # fmt: skip
_RULES = {name: _compile(rules) for name, rules in _RULES_SOURCE.items()}
_COMMON = _compile(_COMMON_AFTER)
_COMMON_FR = _compile(_COMMON_AFTER[:-2])
_LEFTOVERS = _compile([
    (r"c(?!h)", "ts"), (r"q", "k"), (r"x", "ks"), (r"w", "v"), (r"j", "y"),
    (r"(?<![sczk])h", "kh"),
])  # fmt: skip
_SCHOLARLY_BEFORE = _compile([_EH, (r"shh", "SHCH"), (r"x", "KH"), (r"(?<![sczk])h", "KH")])
_SCHOLARLY_AFTER = _compile([(r"c(?!h)", "TS"), (r"j", "Y"), (r"w", "V")])


def _strip_marks(text: str) -> str:
    text = text.translate(_LATIN_TABLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 18)
def canonical_word(word: str, tradition: str = "") -> str:
    """One word (no spaces) in any script → canonical lowercase ASCII.

    `tradition` is the whole name's (name_tradition); without it the word's own cues decide.
    """
    word = unicodedata.normalize("NFC", word.lower())
    if _CYRILLIC_WORD.fullmatch(word):
        # Cyrillic needs no reading: its transliteration is the canonical scheme
        return _NOT_LOWER_ASCII.sub("", word.translate(_CYRILLIC_TABLE))
    word = word.translate(_CYRILLIC_TABLE).replace("jj", "j")
    tradition = tradition or latin_tradition(word)
    if tradition == "gost_779_alt":
        word = _sub_all(word, _RULES["gost_779_alt"][:1])  # y` = ы, e` = э, before ` goes
    word = word.translate(_NO_APOSTROPHES)
    if tradition == "scholarly":
        # ISO 9 and kin write х as h or x and never "ch" for ч: read them before š → sh
        # Czech and ISO write ч as č, so there "ch" is х; GOST 7.0.34 writes ч as ch, х as x
        if "č" in word:
            word = word.replace("ch", "KH")
        word = _strip_marks(_sub_all(word, _SCHOLARLY_BEFORE))
        word = _sub_all(word, _SCHOLARLY_AFTER)
    else:
        word = _sub_all(_strip_marks(word), _RULES[tradition])
        word = _sub_all(word, _COMMON_FR if tradition == "fr" else _COMMON)
        word = word.replace("j", "y")
    # letters no tradition rule consumed get the canonical scheme's reading
    return _sub_all(_NOT_LOWER_ASCII.sub("", word.lower()), _LEFTOVERS)


# Where a scheme is truly ambiguous a word keeps a second reading: Telegram and the French
# passport scheme write ж as "j" (Bajanova = Бажанова), ISO 9 without its marks and German
# write я as "ja" (Bajanova = Баянова); no letter of the name may tell them apart.
_J_ALTERNATIVE = {"en": "tg", "en_x": "tg", "en_ks": "tg", "tg": "en"}
_AMBIGUOUS_J = re.compile(r"(?<!d)j")


@lru_cache(maxsize=1 << 18)
def canonical_readings(word: str, tradition: str = "") -> tuple[str, ...]:
    """Canonical forms of one word, the likeliest first; two where "j" may be ж or й/я."""
    primary = canonical_word(word, tradition)
    tradition = tradition or latin_tradition(word.lower())
    alternative = _J_ALTERNATIVE.get(tradition)
    if alternative and _AMBIGUOUS_J.search(word.lower()):
        other = canonical_word(word, alternative)
        if other != primary:
            return (primary, other)
    # "dj" is дж to English eyes but д + я/й in ISO 9 and the scientific scheme (Nalbandjan).
    if "dj" in word.lower() and tradition != "scholarly":
        other = canonical_word(word, "scholarly")
        if other != primary:
            return (primary, other)
    return (primary,)


def canonical(text: str, tradition: str = "") -> str:
    """Any script or tradition → canonical Latin (lowercase ASCII, words split by spaces)."""
    tradition = tradition or name_tradition(text)
    words = WORD_SPLIT.split(text)
    return " ".join(w for w in (canonical_word(w, tradition) for w in words) if w)


_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 18)
def light_fold(word: str) -> str:
    """Canonical word → the form that every transliteration scheme reaches (iotation folded):
    y → i, ii → i, ie → e (ye, je, ie), io → e (ё: yo, jo, io), ou → u, doubles collapse."""
    word = word.replace("y", "i").replace("ii", "i").replace("ie", "e").replace("io", "e")
    return _DOUBLES.sub(r"\1", word.replace("ou", "u"))


# ш≈щ≈ж≈ч (French and Telegram write ш and ч alike as "ch"; тч sounds as ч), х≈h, ц, з≈с, кс
_PHONETIC = re.compile(r"shch|tch|tsh|zh|ch|kh|ts|z|ks|-")
_PHONETIC_CLASS = {"shch": "sh", "tch": "sh", "tsh": "sh", "zh": "sh", "ch": "sh", "kh": "h",
                   "ts": "c",
                   "z": "s", "ks": "x", "-": ""}  # fmt: skip


@lru_cache(maxsize=1 << 18)
def phonetic_fold(word: str) -> str:
    """Light-folded word → coarse sound classes (ш≈щ≈ж≈ч, х≈h, з≈с) for fuzzy keys."""
    word = _PHONETIC.sub(lambda m: _PHONETIC_CLASS[m.group()], word)
    return _DOUBLES.sub(r"\1", word)


def phonetic_key(text: str, tradition: str = "") -> str:
    """Coarse phonetic fold of the canonical form, word by word."""
    return " ".join(phonetic_fold(light_fold(w)) for w in canonical(text, tradition).split())


def phonetic_keys(text: str, tradition: str = "") -> set[str]:
    """Every phonetic key a name may have: one per reading of its ambiguous words."""
    tradition = tradition or name_tradition(text)
    keys = [""]
    for word in WORD_SPLIT.split(text):
        readings = canonical_readings(word, tradition) if word else ()
        if readings and readings[0]:
            folded = {phonetic_fold(light_fold(r)) for r in readings}
            keys = [f"{k} {f}" if k else f for k in keys for f in sorted(folded)]
    return set(keys)


# The registry's own romanization, for showing a Cyrillic name to a reader of Latin: Russian
# by the Wikipedia scheme (iuliia: «Рахиль» → Rakhil, «Семёновна» → Semyonovna, no apostrophes),
# the Kazakh letters it does not know by BGN/PCGN's Kazakh table.
_KAZAKH_TO_LATIN = {
    "ә": "ä", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h", "і": "i",
}  # fmt: skip


def _kazakh_letter(match: re.Match) -> str:
    letter = match.group()
    latin = _KAZAKH_TO_LATIN[letter.lower()]
    return latin if letter.islower() else latin[0].upper() + latin[1:]


_KAZAKH_RE = re.compile("[" + "".join(_KAZAKH_TO_LATIN) + "".join(_KAZAKH_TO_LATIN).upper() + "]")


@lru_cache(maxsize=1 << 14)
def romanize(text: str) -> str:
    """A name in Latin letters as the registry writes it: «Мессерер-Плисецкая Рахиль
    Михайловна» → Messerer-Plisetskaya Rakhil Mikhaylovna. Latin text is returned as it is."""
    return iuliia.WIKIPEDIA.translate(_KAZAKH_RE.sub(_kazakh_letter, text))
