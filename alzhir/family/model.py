"""The scoring model: a logistic model over named evidence levels, read from weights.json.

    log-odds = intercept[type] + Σ weight[type][feature][level]

Each weight is a log-odds coefficient fitted by logistic regression on labelled pairs
(alzhir/family/calibrate.py: synthetic relatives of real prisoners; weights.json says which), so
every reason shown to an archivist is a level with its signed weight, measured from the neutral
level (nothing known, or a different surname). Two rules sit on top:

* one mother, one father, one spouse: candidates competing for the same place share the
  probability, p_i = o_i / (1 + Σ o_j) over the competitors' odds o, so two namesake women with
  equal evidence each stay below one half instead of one being guessed; a link that would be
  proposed alone is then held for review, its rivals named;
* a link whose only evidence is a shared surname (and an age that fits) is capped below the
  proposal threshold: a surname alone never proposes a link, and a renamed child is found only
  through other evidence.
"""

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from alzhir.family.consistency import HELD
from alzhir.family.features import (
    FEATURES,
    NAMED_LEVELS,
    Candidate,
    features,
    surname_alone,
    weighed,
)
from alzhir.family.naming import GENERATION

WEIGHTS_FILE = Path(__file__).with_name("weights.json")
DEFAULT_THRESHOLDS = {
    # at or above: the link is written as a proposal for an archivist to decide
    "propose": 0.5,
    # the most a link resting on a shared surname alone may score
    "surname_only_cap": 0.25,
}
CAPPED_REASON = "nothing beyond a shared family name speaks for it: not proposed"
# Parent links compete for the child's one mother or father; spouse links on both sides.
COMPETING_SIDES = {"mother": ("b",), "father": ("b",), "spouse": ("a", "b"), "sibling": ()}


def thresholds() -> dict[str, float]:
    """Thresholds from Django settings (ALZHIR_FAMILY_THRESHOLDS) over the defaults."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        configured = getattr(settings, "ALZHIR_FAMILY_THRESHOLDS", {})
    except ImproperlyConfigured:  # no Django project: a benchmark or a pure test
        configured = {}
    return DEFAULT_THRESHOLDS | dict(configured)


@dataclass
class Weights:
    intercepts: dict[str, float]
    weights: dict[str, dict[str, dict[str, float]]]
    about: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> "Weights":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            intercepts={t: v["intercept"] for t, v in data["types"].items()},
            weights={t: v["weights"] for t, v in data["types"].items()},
            about=data.get("about", {}),
        )

    def contributions(self, type_: str, levels: dict[str, str]) -> dict[str, float]:
        table = self.weights.get(type_, {})
        return {
            name: table.get(name, {}).get(level, 0.0)
            for name, level in levels.items()
            if weighed(name, level)
        }

    def log_odds(self, type_: str, levels: dict[str, str]) -> float:
        return self.intercepts.get(type_, -5.0) + sum(self.contributions(type_, levels).values())


@dataclass
class Proposal:
    type: str
    a: object  # FamilyRecord
    b: object
    score: float
    levels: dict[str, str]
    reasons: list[str]
    private: bool = False  # rests on a private record: never public


def score_candidates(
    candidates: list[Candidate],
    weights: Weights | None = None,
    cap: float | None = None,
    progress=None,
) -> list[Proposal]:
    """Every candidate with its probability and its reasons in words."""
    weights = weights or Weights.load()
    cap = thresholds()["surname_only_cap"] if cap is None else cap
    propose = thresholds()["propose"]
    scored = []
    for c in progress(candidates, len(candidates)) if progress else candidates:
        levels, mention = features(c)
        scored.append((c, levels, mention, weights.log_odds(c.type, levels)))
    # For each place to fill (this child's mother, ...): the best odds of each person offered.
    offered = defaultdict(dict)
    keys = {}  # person → a record of hers, to name her as a rival
    for c, levels, _, log_odds in scored:
        if not competes(levels):
            continue
        for side in COMPETING_SIDES[c.type]:
            other = _other(c, side).person
            slot = offered[(c.type, side, getattr(c, side).person)]
            slot[other] = max(slot.get(other, 0.0), _odds(log_odds))
            keys[other] = _other(c, side).key
    # One phrase names one person: records it fits equally share it (two Титов Пётр
    # Васильевич of 1889 in one village, either the brother a record names).
    named_by = defaultdict(dict)
    for c, levels, mention, log_odds in scored:
        if mention is not None and levels.get("named") in NAMED_LEVELS:
            holder, other = (c.a, c.b) if mention in c.a.mentions else (c.b, c.a)
            slot = named_by[(holder.key, mention)]
            slot[other.person] = max(slot.get(other.person, 0.0), _odds(log_odds))
    proposals = []
    for c, levels, mention, log_odds in scored:
        odds = _odds(log_odds)
        competitors = {
            person: rival_odds
            for side in COMPETING_SIDES[c.type]
            for person, rival_odds in offered[(c.type, side, getattr(c, side).person)].items()
            if person != _other(c, side).person
        }
        rivals = sum(competitors.values())
        if mention is not None and levels.get("named") in NAMED_LEVELS:
            holder, other = (c.a, c.b) if mention in c.a.mentions else (c.b, c.a)
            namesakes = named_by[(holder.key, mention)]
            rivals = max(rivals, sum(o for p, o in namesakes.items() if p != other.person))
        probability = odds / (1 + odds + rivals)
        reasons = explain(c, levels, mention, weights)
        if rivals > 0.05 * (1 + odds):
            named = ", ".join(
                keys[p]
                for p, o in sorted(competitors.items(), key=lambda x: -x[1])[:3]
                if o > 0.05 * (1 + odds)
            )
            # proposed on its own evidence, split by rivals as likely: an archivist decides
            held = odds / (1 + odds) >= propose > probability and not surname_alone(levels, c.type)
            reasons.append(
                f"other candidates compete for the same place{': ' + named if named else ''} "
                f"(odds {rivals:.2g}){': ' + HELD if held else ''}"
            )
        if surname_alone(levels, c.type):
            probability = min(probability, cap)
            reasons.append(CAPPED_REASON)
        private = c.a.private or c.b.private
        proposals.append(
            Proposal(c.type, c.a, c.b, round(probability, 4), levels, reasons, private)
        )
    return proposals


def competes(levels: dict[str, str]) -> bool:
    """Whether a candidate competes for the place: only with evidence of its own. Every man of
    a village's surname is a candidate father of a Kazakh child without patronymic; sixty of
    them, each with a shared surname and village, outweighed the father the list names
    (measured on bench.family_lists: father recall with the text 0.91 before, 0.99 after)."""
    return not surname_alone(levels, "sibling") or levels.get("patronymic") == "agrees"


def _other(c: Candidate, side: str):
    return c.b if side == "a" else c.a


def _odds(log_odds: float) -> float:
    return math.exp(max(min(log_odds, 30.0), -30.0))


PHRASES = {
    ("named", "full"): "named as {role} on a record, in full: «{name}»",
    ("named", "no_patronymic"): "named as {role} on a record, without patronymic: «{name}»",
    ("named", "initials"): "named as {role} on a record, with initials: «{name}»",
    ("named", "surname_only"): "a record names a {role} by surname only: «{name}»",
    ("named", "other"): "the {role} named on a record is someone else: «{name}»",
    ("named_year", "agrees"): "the year given with the name agrees with the birth year",
    ("named_year", "conflicts"): "the year given with the name differs from the birth year",
    ("surname", "same"): "same surname (gendered forms folded)",
    ("surname", "different"): "different surnames (a renamed child or a maiden name?)",
    ("age", "implausible"): "born {gap:.0f} years apart: too far",
    ("age", "close"): "born {gap:.0f} years apart",
    ("age", "far"): "born {gap:.0f} years apart",
    ("place", "same"): "same town in birth place or residence",
    ("place", "different"): "different towns",
    ("camp", "born_during_stay"): "child born in the camp while the mother was held there",
    ("camp", "born_in_camp_mother_away"): "child born in the camp when the mother was not there",
    ("camp", "orphaned_after_arrest"): "child in an orphanage, born before the mother's arrest",
    ("patronymic", "agrees"): "patronymic agrees with the father's given name",
    ("patronymic", "conflicts"): "patronymic does not agree with the father's given name",
    ("sibling_patronymic", "agrees"): "same patronymic: the same father",
    ("sibling_patronymic", "conflicts"): "different patronymics: different fathers",
    ("sentence", "same_day"): "sentenced on the same day by the same body",
    ("sentence", "husband_earlier"): "husband sentenced first, the wife within two years",
    ("sentence", "different"): "sentenced on different days",
}


def explain(c: Candidate, levels, mention, weights: Weights) -> list[str]:
    gap = 0.0
    if c.a.birth_year is not None and c.b.birth_year is not None:
        gap = c.b.birth_year - c.a.birth_year
        gap = abs(gap) if c.type in ("spouse", "sibling") else gap
    reasons = []
    if c.type in ("mother", "father") and c.a.birth_year and c.b.birth_year:
        reasons.append(f"the {c.type} is {gap:.0f} years older (at least {GENERATION[c.type][0]})")
    contributions = weights.contributions(c.type, levels)
    for name in FEATURES[c.type]:
        level = levels[name]
        phrase = PHRASES.get((name, level))
        if not weighed(name, level) or phrase is None:
            continue
        if c.type == "sibling" and name == "patronymic":
            phrase = PHRASES[("sibling_patronymic", level)]
        # the phrase's own role: a father's record names a child, a child's record a mother
        role = mention.role if mention else c.type
        named = (mention.phrase or mention.name) if mention else ""
        text = phrase.format(role=role, name=named, gap=gap)
        weight = contributions.get(name, 0.0)
        reasons.append(f"{text} ({weight:+.1f})" if abs(weight) >= 0.05 else text)
    return reasons
