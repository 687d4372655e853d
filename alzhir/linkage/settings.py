"""The linkage model's design: comparisons, blocking, training rules and thresholds.

`build_settings()` returns one Splink `SettingsCreator` built from Splink's own comparison
level library, so the same object compiles to DuckDB SQL or Spark SQL unchanged. Starting m
probabilities are priors (how often a true match agrees at each level); EM re-estimates them.

The slip levels (a letter off in the given name or the sound key, the patronymic as written,
an initial that differs) and the level for names read in the wrong order took the Latin list's
F1 at 0.9 from 0.949 to 0.962 on the same clustering (`bench.linkage_bench --sets latin`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator

DESCRIPTIONS = {
    "surname": "surname",
    "given_name": "given name",
    "father_name": "father's name (patronymic)",
    "birth": "birth date",
    "birth_place": "birth place",
    "residence": "residence",
    "camp": "camp",
    "occupation": "occupation",
    "sex": "sex",
    "sentence_date": "sentence date",
    "arrival_date": "camp arrival date",
}
"""How each comparison is named to an archivist (Splink keeps no description of its own)."""


@dataclass(frozen=True)
class LinkageSettings:
    """Everything about a run that is a choice rather than data.

    `sure_threshold`: pairs at or above this match probability join one person outright.
    `apply_threshold`: pairs from here up to `sure_threshold` join when the records of the two
    groups mostly agree (more than half their pairs score at least `review_threshold`); see
    clustering.py. `review_threshold`: pairs from here that were not joined go to an archivist.
    """

    sure_threshold: float = 0.99
    apply_threshold: float = 0.9
    review_threshold: float = 0.5
    u_max_pairs: float = 5e6
    em_max_pairs: float | None = 2e6
    seed: int = 42
    recall_of_deterministic_rules: float = 0.7
    min_matches_for_em: int = 200
    link_type: str = "dedupe_only"
    blocking_rules: list[BlockingRuleCreator] = field(
        default_factory=lambda: default_blocking_rules()
    )

    def splink_settings(self) -> SettingsCreator:
        return build_settings(self)


def default_blocking_rules() -> list[BlockingRuleCreator]:
    """Candidate pairs: any record pair that shares one of these keys is scored.

    Phonetic surname keys catch transliterations and typos, the given-name group plus the
    father's name catches a changed surname (marriage, a child's new name in an orphanage).

    The pairs are the union of the rules in any order; the order is for speed. Splink drops
    from each rule's pairs those an earlier rule made by testing every earlier rule on them,
    and builds an exploding rule's table with the columns of every earlier rule. So the
    exploding rules come first (their tables then hold four to six columns, not fourteen),
    then the rules on the coarsest keys, which make the most pairs. Scoring the synthetic
    million with one trained model (2 cores, DuckDB capped at 2 GB): 155–169 s in the order
    the rules were written, 114 s with the exploding rules first, 110 s with the coarse ones
    next; the same 499,471 pairs (docs/benchmarks.md).
    """
    return [
        # One slip anywhere in the surname, year or none: the two keys share a one-letter-
        # dropped variant ("Lvarova Vera", no year, beside Лаврова Вера: no four letters at
        # either end in common). With these, a rule on the key's last four letters, the
        # initial and the year (a typo early in the surname: Пряанова, Перяановой) was 36 %
        # of the candidate pairs at 300,000 synthetic records and found almost nothing else:
        # without it 15 % less CPU scoring them, 149,497 pairs at 0.5 instead of 149,704, F1
        # 0.9924 (0.9925); FEBRL4 0.9924 and historical_50k 0.9445 (0.9443) unchanged; the
        # Latin list's true pairs never compared 24 of 3,016 instead of 22, F1 0.9858 (P 0.9946).
        _variants_rule("l.given_group = r.given_group"),
        # ... and with a slip in the given name too, the year the same
        _variants_rule("l.given_initial = r.given_initial AND l.birth_year = r.birth_year"),
        # no surname in the key: the coarsest rule, 4.5 million of the synthetic million's
        # 13.4 million candidate pairs, and without it historical_50k's F1 fell from 0.9445 to
        # 0.9370 (docs/benchmarks.md)
        block_on("given_initial", "residence_key"),
        block_on("given_group", "father_key", "birth_year"),
        # A slip in the surname when the year is missing or one off (a Latin museum list with
        # a copyist's slip beside the register: 8.8 % of its true pairs were never compared).
        # One slip leaves the first four letters of the key or its last five whole.
        CustomRule(
            "l.given_group = r.given_group AND right(l.surname_key, 5) = right(r.surname_key, 5)"
            + _NEAR_YEARS
        ),
        CustomRule(
            "l.given_group = r.given_group"
            " AND substr(l.surname_key, 1, 4) = substr(r.surname_key, 1, 4)" + _NEAR_YEARS
        ),
        block_on("surname_block", "birth_year"),
        # a typo late in the surname, where the sound key changes
        block_on("substr(surname_key, 1, 4)", "given_initial", "birth_year"),
        block_on("surname_key", "given_initial"),
        block_on("surname_block", "given_group"),
        block_on("surname_key", "birth_place_key"),
        block_on("given_group", "birth_date"),
        block_on("given_initial", "birth_date"),
        # a surname rendered beyond recognition, or changed by marriage
        block_on("given_group", "birth_year", "birth_place_key"),
        block_on("birth_date", "birth_place_key"),
        block_on("birth_date", "residence_key"),
        # a record without a birth year, found by its given name and birth place ("goules,
        # Hillingdon" beside "Goules, born 1790 in Hillingdon"); not for dated pairs, which
        # the rules above reach and which would make blocks of every Мария born in Москва
        CustomRule(
            "l.given_group = r.given_group AND l.birth_place_key = r.birth_place_key "
            "AND (l.birth_year IS NULL OR r.birth_year IS NULL)"
        ),
        # a record whose one name word was taken for a given name: "Лаинг" beside "Фрэнк Лаинг"
        CustomRule("l.surname_text = r.given_text AND r.surname_text IS NULL"),
        CustomRule("r.surname_text = l.given_text AND l.surname_text IS NULL"),
        # ... and a slip in the given name (its first letter too, so no initial), year near
        CustomRule("l.surname_key = r.surname_key" + _NEAR_YEARS),
        block_on("given_group", "father_key", "birth_place_key"),
        # a Latin name read in the wrong order ("Albusina Aldabergenva": no ending told which
        # word is the surname), slips allowed past the fourth letter
        CustomRule(
            "substr(l.surname_key, 1, 4) = substr(r.given_group, 1, 4)"
            " AND substr(l.given_group, 1, 4) = substr(r.surname_key, 1, 4)"
        ),
        # ... and with a slip in the given name, which then stands where the surname should
        # ("Lomaeva Valnetina"); with the two rules below, these took the Latin list's true
        # pairs never compared from 90 of 3,016 to 22 (docs/benchmarks.md)
        CustomRule("l.given_as_surname = r.surname_key"),
        CustomRule("r.given_as_surname = l.surname_key"),
    ]


def _variants_rule(condition: str) -> CustomRule:
    """Records whose surnames share a one-letter-dropped variant but not their sound key.

    Two records with one sound key share every variant of it, so without the last condition
    each such pair came out of the join once per letter of the key, only for Splink to drop it
    as already paired by the sound-key rules (`surname_block` with the year or the
    given-name group reach every pair these would). The same model scoring 300,000 synthetic
    records, runs interleaved: 72–74 s CPU against 78–83 s, the same 149,704 pairs; the Latin
    list's pairs never compared stayed 22 of 3,016 and its F1 0.986 (with the rule on the key's
    last four letters still in place; the comment on the rules measures its removal).
    """
    return CustomRule(
        f"l.surname_variants = r.surname_variants AND {condition}"
        " AND l.surname_block <> r.surname_block",
        arrays_to_explode=["surname_variants"],
    )


_NEAR_YEARS = (
    " AND (l.birth_year IS NULL OR r.birth_year IS NULL OR abs(l.birth_year - r.birth_year) <= 1)"
)


TRAINING_KEYS = (
    ("surname_block", "birth_year"),
    ("surname_key", "given_group"),
    ("given_group", "father_key"),
    ("given_group", "birth_place_key"),
)
"""EM sessions, as the columns each blocks on: each leaves out a different group of
comparisons so that all get estimated."""


def training_rules(keys: tuple[tuple[str, ...], ...] = TRAINING_KEYS) -> list[BlockingRuleCreator]:
    return [block_on(*columns) for columns in keys]


DETERMINISTIC_KEYS = (
    ("surname_key", "given_group", "father_key", "birth_year"),
    ("surname_key", "given_group", "birth_date"),
)

AGREEMENT_LEVELS = {
    "surname_key": ("surname", ("same after gender and case fold",)),
    "given_group": ("given_name", ("same", "same name in another form")),
    "father_key": ("father_name", ("same",)),
    "birth_year": ("birth", ("same day", "same year, another day", "same year")),
    "birth_date": ("birth", ("same day",)),
}
"""Which comparison levels a true match reaches when it agrees on a deterministic key."""


def deterministic_rules() -> list[BlockingRuleCreator]:
    """Rules that admit almost no false pairs, used to estimate how common matches are."""
    return [block_on(*columns) for columns in DETERMINISTIC_KEYS]


def build_settings(linkage: LinkageSettings | None = None) -> SettingsCreator:
    linkage = linkage or LinkageSettings()
    return SettingsCreator(
        link_type=linkage.link_type,
        unique_id_column_name="unique_id",
        comparisons=[
            surname_comparison(),
            given_name_comparison(),
            father_comparison(),
            birth_comparison(),
            place_comparison("birth_place_key"),
            place_comparison("residence_key"),
            _exact("camp_key", m_agree=0.7),
            # "домохозяйка" (housewife) is common, "инженер-химик" rare: term frequencies
            _exact("occupation_key", m_agree=0.7, term_frequencies=True),
            _exact("sex", m_agree=0.98),
            _date_comparison("sentence_date"),
            _date_comparison("arrival_date"),
        ],
        blocking_rules_to_generate_predictions=linkage.blocking_rules,
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
        additional_columns_to_retain=["source"],
    )


def surname_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="surname",
        comparison_levels=[
            # Before the null level: the record without a surname has it as its only name.
            # EM's blocking keys all need a surname, so it never sees this level: the prior stays.
            _only_name_is_surname().configure(
                label_for_charts="the only name is the other's surname",
                m_probability=0.02,
                fix_m_probability=True,
            ),
            cll.NullLevel("surname_key"),
            cll.ExactMatchLevel("surname_key", term_frequency_adjustments=True).configure(
                label_for_charts="same after gender and case fold", m_probability=0.8
            ),
            cll.ArrayIntersectLevel("surname_keys", 1).configure(
                label_for_charts="one half of a double surname agrees", m_probability=0.05
            ),
            cll.ArrayIntersectLevel("surname_phonetic", 1).configure(
                label_for_charts="sounds the same", m_probability=0.07
            ),
            # one letter dropped, doubled, swapped or misread by a copyist (Комотова, Коаотова)
            cll.DamerauLevenshteinLevel("surname_key", 1).configure(
                label_for_charts="one letter differs", m_probability=0.04
            ),
            # a slip on top of another scheme's spelling (Szemskova, Jernova, Xdikaia)
            cll.DamerauLevenshteinLevel("surname_block", 1).configure(
                label_for_charts="sounds the same but for one letter", m_probability=0.03
            ),
            cll.JaroWinklerLevel("surname_text", 0.92).configure(
                label_for_charts="spelled almost the same", m_probability=0.04
            ),
            cll.JaroWinklerLevel("surname_text", 0.8).configure(
                label_for_charts="spelled similarly", m_probability=0.02
            ),
            _names_swapped().configure(
                label_for_charts="surname and given name swapped", m_probability=0.01
            ),
            cll.ElseLevel().configure(label_for_charts="different", m_probability=0.02),
        ],
    )


def _only_name_is_surname() -> cll.CustomLevel:
    return cll.CustomLevel(
        "(surname_text_l IS NULL AND given_text_l = surname_text_r)"
        " OR (surname_text_r IS NULL AND given_text_r = surname_text_l)"
    )


def _names_swapped() -> cll.CustomLevel:
    """One record's surname is the other's given name and its given name the other's
    surname: the surname as keys (another transliteration still agrees), the given name
    within two letters as spelled (Lomaeva Valnetina beside Ломаева Валентина). Both halves
    must agree: one half alone is one word in common (Касавина Роза beside "Roza Kim" read
    as surname Roza), and counting it in both comparisons took the Latin list's precision
    to 0.82. Written without surname_key and given_group, the EM blocking keys: a comparison
    that reads a session's blocking column is not estimated in that session."""
    return cll.CustomLevel(
        "(list_contains(surname_keys_l, given_as_surname_r)"
        " AND levenshtein(given_text_l, surname_text_r) <= 2)"
        " OR (list_contains(surname_keys_r, given_as_surname_l)"
        " AND levenshtein(given_text_r, surname_text_l) <= 2)",
        base_dialect_str="duckdb",
    )


def given_name_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="given_name",
        comparison_levels=[
            # that one name is no given name: the surname comparison has counted it
            _only_name_is_surname().configure(is_null_level=True),
            # a name read in the wrong order: the surname comparison has counted both words
            # (without this the given name counted as different: "Kim Roza" beside Ким Роза
            # scored 0.04)
            _names_swapped().configure(is_null_level=True),
            cll.NullLevel("given_initials"),
            cll.ExactMatchLevel("given_text", term_frequency_adjustments=True).configure(
                label_for_charts="same", m_probability=0.75
            ),
            cll.ExactMatchLevel("given_group").configure(
                label_for_charts="same name in another form", m_probability=0.1
            ),
            # a copyist's slip (Mqriia, Khavdiia, Odʹga); sisters differ by more (Мария, Марта)
            # or by year and place, and EM weighs the level by how often names meet so
            cll.DamerauLevenshteinLevel("given_group", 1).configure(
                label_for_charts="one letter differs", m_probability=0.05
            ),
            _initial_level("given_initials", "given_text"),
            cll.JaroWinklerLevel("given_text", 0.88).configure(
                label_for_charts="spelled similarly", m_probability=0.03
            ),
            cll.JaroWinklerLevel("given_text", 0.8).configure(
                label_for_charts="spelled somewhat alike", m_probability=0.02
            ),
            cll.ElseLevel().configure(label_for_charts="different", m_probability=0.02),
        ],
    )


def father_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="father_name",
        comparison_levels=[
            cll.NullLevel("father_initials"),
            cll.ExactMatchLevel("father_key").configure(label_for_charts="same", m_probability=0.8),
            _initial_level("father_initials", "father_key"),
            # An initial that disagrees is one letter, misread as easily as any other
            # ("Valentina R. Kiritchenko" for Емельяновна): its own level, weaker than two
            # written patronymics that differ (which scored such pairs 0.02-0.4)
            cll.CustomLevel("father_key_l IS NULL OR father_key_r IS NULL").configure(
                label_for_charts="initial differs", m_probability=0.02
            ),
            # a slip that hides the father's name ("Vasilevan", "Avexandrovna" read as no
            # patronymic at all) leaves the patronymic as written within two letters
            cll.DamerauLevenshteinLevel("patronymic_text", 2).configure(
                label_for_charts="one or two letters differ", m_probability=0.05
            ),
            cll.JaroWinklerLevel("father_key", 0.88).configure(
                label_for_charts="spelled similarly", m_probability=0.05
            ),
            cll.ElseLevel().configure(label_for_charts="different", m_probability=0.03),
        ],
    )


def _initial_level(initials: str, full_name: str) -> cll.ComparisonLevelCreator:
    # Memory books print "Р. М." for "Рахиль Михайловна": an initial is weak agreement, and
    # counts only when one side has no more than the initial.
    return cll.And(
        cll.ArrayIntersectLevel(initials, 1),
        cll.NullLevel(full_name),
    ).configure(label_for_charts="initial agrees with the name", m_probability=0.1)


def birth_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="birth",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            # term frequencies: registers that knew only the year wrote 1 January
            cll.ExactMatchLevel("birth_date", term_frequency_adjustments=True).configure(
                label_for_charts="same day", m_probability=0.3
            ),
            # A copyist's slip: one digit misread (1865 for 1855, 03 for 08) or two swapped,
            # or the day and month read in the other order.
            cll.Or(
                cll.DamerauLevenshteinLevel("birth_date", 1),
                cll.CustomLevel(
                    "substr(birth_date_l, 6, 2) = substr(birth_date_r, 9, 2)"
                    " AND substr(birth_date_l, 9, 2) = substr(birth_date_r, 6, 2)"
                    " AND birth_year_l = birth_year_r"
                ),
            ).configure(label_for_charts="one digit differs", m_probability=0.05),
            cll.And(
                cll.ExactMatchLevel("birth_year"),
                cll.CustomLevel("birth_date_l IS NOT NULL AND birth_date_r IS NOT NULL"),
            ).configure(label_for_charts="same year, another day", m_probability=0.02),
            cll.ExactMatchLevel("birth_year").configure(
                label_for_charts="same year", m_probability=0.55
            ),
            cll.AbsoluteDifferenceLevel("birth_year", 1).configure(
                label_for_charts="one year apart", m_probability=0.08
            ),
            cll.AbsoluteDifferenceLevel("birth_year", 2).configure(
                label_for_charts="two years apart", m_probability=0.03
            ),
            # a generation apart: mother and daughter, both in the camp, share much else
            cll.AbsoluteDifferenceLevel("birth_year", 10).configure(
                label_for_charts="years differ", m_probability=0.015
            ),
            cll.ElseLevel().configure(
                label_for_charts="more than ten years apart", m_probability=0.005
            ),
        ],
    )


def place_comparison(column: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=column.removesuffix("_key"),
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column, term_frequency_adjustments=True).configure(
                label_for_charts="same place", m_probability=0.8
            ),
            cll.JaroWinklerLevel(column, 0.9).configure(
                label_for_charts="similar place name", m_probability=0.08
            ),
            cll.ArrayIntersectLevel(column.replace("_key", "_words"), 1).configure(
                label_for_charts="a place name in common", m_probability=0.07
            ),
            cll.ElseLevel().configure(label_for_charts="different places", m_probability=0.05),
        ],
    )


def _exact(column: str, m_agree: float, term_frequencies: bool = False) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=column.removesuffix("_key"),
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column, term_frequency_adjustments=term_frequencies).configure(
                label_for_charts="same", m_probability=m_agree
            ),
            cll.ElseLevel().configure(label_for_charts="different", m_probability=1 - m_agree),
        ],
    )


def _date_comparison(column: str) -> cl.CustomComparison:
    # Memorial lists one person once per persecution episode, so two records of one woman
    # often carry different sentence dates: disagreement is weak evidence, agreement strong.
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column).configure(label_for_charts="same day", m_probability=0.6),
            cll.ElseLevel().configure(label_for_charts="different", m_probability=0.4),
        ],
    )
