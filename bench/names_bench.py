"""Names engine benchmark: labelled pairs from the real ALZHIR list, compare() beside baselines.

    .venv/bin/python -m bench.names_bench [--sample 1500] [--keys 1000000]
        [--baseline-python /tmp/nk-venv/bin/python]

Pairs (all marked synthetic: built here from the real names of ../shared/data/alzhir/algir.csv):
positives are renderings in iuliia's schemes (all but uz), German/French/Polish-style
spellings in Western order, genitive forms, initials, diminutives and one-letter typos;
negatives are real different women of the list who share a surname, or whose names differ by
one or two letters. Baselines: unidecode + Jaro-Winkler (best threshold), Daitch-Mokotoff
equality (abydos) and nomenklatura's logic-v2 (best threshold); the last two run in a venv
of their own (--baseline-python), because nomenklatura needs rigour 2.x.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALGIR = ROOT.parent / "shared" / "data" / "alzhir" / "algir.csv"

# Western spellings of Cyrillic letters by tradition (for synthetic pairs only).
STYLES = {
    "de": {"ж": "sch", "ш": "sch", "щ": "schtsch", "ч": "tsch", "х": "ch", "ц": "z", "в": "w",
           "з": "s", "й": "i", "я": "ja", "ю": "ju", "ё": "jo", "ы": "y", "э": "e", "ь": "",
           "ъ": "", "у": "u", "е": "e", "с": "s", "и": "i"},
    "fr": {"ж": "j", "ш": "ch", "щ": "chtch", "ч": "tch", "х": "kh", "ц": "ts", "в": "v",
           "з": "z", "й": "ï", "я": "ia", "ю": "iou", "ё": "io", "ы": "y", "э": "e", "ь": "",
           "ъ": "", "у": "ou", "е": "e", "с": "s", "и": "i"},
    "pl": {"ж": "ż", "ш": "sz", "щ": "szcz", "ч": "cz", "х": "ch", "ц": "c", "в": "w",
           "з": "z", "й": "j", "я": "ja", "ю": "ju", "ё": "io", "ы": "y", "э": "e", "ь": "",
           "ъ": "", "у": "u", "е": "e", "с": "s", "и": "i"},
}  # fmt: skip
BASE = dict(zip("абвгдклмнопрстф", "abvgdklmnoprstf", strict=True))
DIMINUTIVES = {"Мария": "Маша", "Александра": "Шура", "Евгения": "Женя", "Екатерина": "Катя",
               "Анна": "Аня", "Елизавета": "Лиза", "Ольга": "Оля", "Татьяна": "Таня",
               "Наталья": "Наташа", "Надежда": "Надя", "Любовь": "Люба", "Софья": "Соня",
               "Елена": "Лена", "Антонина": "Тоня", "Валентина": "Валя", "Галина": "Галя",
               "Зинаида": "Зина", "Клавдия": "Клава", "Юлия": "Юля", "Дарья": "Даша"}  # fmt: skip


def render_style(word: str, style: str) -> str:
    table = STYLES[style]
    out = []
    for i, ch in enumerate(word.lower()):
        latin = table.get(ch, BASE.get(ch, ch))
        if style == "fr" and ch == "с" and 0 < i < len(word) - 1:
            latin = "ss"
        out.append(latin)
    text = "".join(out)
    if style == "fr":
        text = re.sub(r"aia$", "aïa", text)
    if style == "pl":
        text = re.sub(r"skaja$", "ska", re.sub(r"ckaja$", "cka", text))
    return text[:1].upper() + text[1:]


def genitive(word: str, kind: str) -> str:
    rules = {
        "surname": [(r"ая$", "ой"), (r"ова$", "овой"), (r"ева$", "евой"), (r"ина$", "иной")],
        "given": [(r"ия$", "ии"), (r"ья$", "ьи"), (r"([кгхжшчщ])а$", r"\1и"), (r"а$", "ы"),
                  (r"ь$", "и")],
        "patronymic": [(r"на$", "ны")],
    }  # fmt: skip
    for pattern, replacement in rules[kind]:
        if re.search(pattern, word):
            return re.sub(pattern, replacement, word)
    return word


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + rng.choice("аеиоунрстлк") + word[i + 1 :]


def load_names() -> list[tuple[str, str, str]]:
    with open(ALGIR, encoding="utf-8") as f:
        names = []
        for row in csv.DictReader(f):
            words = row["fullname_y"].split()
            if len(words) == 3 and "-" not in words[0]:
                names.append((words[0], words[1], words[2]))
    return names


def build_pairs(names, sample: int, seed: int = 1) -> list[tuple[str, str, bool, str]]:
    import iuliia

    rng = random.Random(seed)
    schemes = sorted(n for n in iuliia.schemas.names() if n != "uz")
    pairs = []
    for s, g, p in rng.sample(names, sample):
        full = f"{s} {g} {p}"
        scheme = iuliia.schemas.get(rng.choice(schemes))
        pairs.append((scheme.translate(full), full, True, "scheme"))
        style = rng.choice(list(STYLES))
        pairs.append((f"{render_style(g, style)} {render_style(s, style)}", full, True, style))
        pairs.append((f"{genitive(s, 'surname')} {genitive(g, 'given')} "
                      f"{genitive(p, 'patronymic')}", full, True, "genitive"))  # fmt: skip
        pairs.append((f"{s} {g[0]}. {p[0]}.", full, True, "initials"))
        if g in DIMINUTIVES:
            pairs.append((f"{s} {DIMINUTIVES[g]} {p}", full, True, "diminutive"))
        if len(s) >= 6:
            pairs.append((f"{typo(s, rng)} {g} {p}", full, True, "typo"))
    pairs += slip_pairs(names, sample // 3, rng)
    return pairs + near_misses(names, len(pairs), rng)


PARTS = ("surname", "given", "patronymic")


def slip_pairs(names, count: int, rng: random.Random) -> list[tuple[str, str, bool, str]]:
    """One slip of every kind in every part, in Cyrillic and inside a Latin rendering, from the
    three generators of typo_sets.py in turn (the next one when a generator cannot)."""
    import iuliia

    from bench.typo_sets import EDITS, GENERATORS, slip_in

    schemes = [iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.MVD_310_FR,
               iuliia.GOST_779, iuliia.TELEGRAM]  # fmt: skip
    pairs, turn = [], 0
    for s, g, p in rng.sample(names, count):
        full = f"{s} {g} {p}"
        for script in ("Cyrl", "Latn"):
            words = [s, g, p]
            if script == "Latn":
                words = rng.choice(schemes).translate(full).split()
                if len(words) != 3:
                    continue
            for part, name in enumerate(PARTS):
                for edit in EDITS:
                    for attempt in range(len(GENERATORS)):
                        generator = GENERATORS[(turn + attempt) % len(GENERATORS)]
                        changed = slip_in(words, edit, generator, rng, part)
                        if changed:
                            kind = f"slip {name} {edit} {script} [{generator}]"
                            pairs.append((" ".join(changed), full, True, kind))
                            break
                    turn += 1
    return pairs


def khabarovsk_aliases() -> list[tuple[str, str, int]]:
    """(main name, alias, most slips in one part) of the Khabarovsk memory book's people listed
    under more than one name: real variants, some a copyist's slip, some another name."""
    from rapidfuzz.distance import OSA

    path = ROOT.parent / "shared" / "data" / "names" / "khabarovsk_memory_book_names.csv"
    if not path.exists():
        return []
    people: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            people.setdefault(row["id"], []).append(row)
    columns = ("фамилия", "имя", "отчество")
    pairs = []
    for rows in people.values():
        main = next((r for r in rows if r["основное"] == "True"), rows[0])
        for alias in rows:
            if alias is main:
                continue
            apart = max(OSA.distance(main[c].lower(), alias[c].lower()) for c in columns)
            pairs.append((" ".join(main[c] for c in columns if main[c]),
                          " ".join(alias[c] for c in columns if alias[c]), apart))  # fmt: skip
    return pairs


def pg_trigram_scores(pairs) -> list[float] | None:
    """pg_trgm similarity of the two names, both in Latin letters (iuliia's Wikipedia scheme),
    from the database ALZHIR_BENCH_PG (default: this worktree's wt16); None if unreachable."""
    import os

    import iuliia

    url = os.environ.get("ALZHIR_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/wt16")
    try:
        import psycopg

        connection = psycopg.connect(url, connect_timeout=3)
    except Exception as error:  # noqa: BLE001 - any failure means "no baseline"
        print(f"pg_trgm baseline skipped: {error}")
        return None
    latin = [(iuliia.WIKIPEDIA.translate(a).lower(), iuliia.WIKIPEDIA.translate(b).lower())
             for a, b in pairs]  # fmt: skip
    with connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        rows = connection.execute(
            "SELECT similarity(a, b) FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY "
            "AS t(a, b, n) ORDER BY n",
            ([a for a, _ in latin], [b for _, b in latin]),
        ).fetchall()
    return [r[0] for r in rows]


MALE_NAMES = ["Иван", "Пётр", "Николай", "Михаил", "Александр", "Яков", "Григорий", "Сергей",
              "Владимир", "Абрам", "Семён", "Борис", "Евгений", "Василий"]  # fmt: skip


def masculine(surname: str, patronymic: str) -> tuple[str, str]:
    for feminine, male in [("ская", "ский"), ("цкая", "цкий"), ("ова", "ов"), ("ева", "ев"),
                           ("ина", "ин"), ("ая", "ой")]:  # fmt: skip
        if surname.endswith(feminine):
            surname = surname[: -len(feminine)] + male
            break
    return surname, re.sub(r"вна$", "вич", re.sub(r"ична$", "ич", patronymic))


def near_misses(names, count: int, rng: random.Random) -> list[tuple[str, str, bool, str]]:
    """Negatives that differ from a woman of the list in one part only: real women sharing a
    surname, and synthetic sisters, cousins, brothers, neighbouring surnames, wrong initials."""
    from rapidfuzz.distance import Levenshtein

    from alzhir.names import given_name_groups
    from alzhir.names.compare import RARE_NAME_COUNT
    from alzhir.names.given import given_count

    def other_name(a: str, b: str) -> bool:
        # variant spellings of one name (Наталья/Наталия, Фёдоровна/Федоровна) are no negative,
        # nor are the list's own misspellings (Пилогея, Аностосия, Паросковья: a sister's name
        # is an established name, one the tables count at least RARE_NAME_COUNT bearers of)
        a, b = a.replace("ё", "е"), b.replace("ё", "е")
        return (
            Levenshtein.distance(a, b) > 1
            and not set(given_name_groups(a)) & set(given_name_groups(b))
            and min(given_count(a), given_count(b)) >= RARE_NAME_COUNT
        )

    by_surname: dict[str, list[str]] = {}
    for s, g, p in names:
        by_surname.setdefault(s, []).append(f"{s} {g} {p}")
    real = []
    for group in by_surname.values():
        unique = sorted(set(group))
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                kind = "one letter" if Levenshtein.distance(a, b) <= 2 else "same surname"
                real.append((a, b, False, kind))
    givens = sorted({g for _, g, _ in names})
    patronymics = sorted({p for _, _, p in names})
    surnames = sorted({s for s, _, _ in names})
    by_length: dict[int, list[str]] = {}
    for surname in surnames:
        by_length.setdefault(len(surname), []).append(surname)
    close_given = {g: [h for h in givens if Levenshtein.distance(g, h) <= 2 and other_name(g, h)]
                   for g in givens}  # fmt: skip
    synthetic = []
    for s, g, p in rng.sample(names, min(len(names), count // 6)):
        full = f"{s} {g} {p}"
        sister = rng.choice(close_given[g] or givens)
        if other_name(g, sister):
            synthetic.append((f"{s} {sister} {p}", full, False, "sister (given)"))
        cousin = rng.choice(patronymics)
        if Levenshtein.distance(p.replace("ё", "е"), cousin.replace("ё", "е")) > 1:
            synthetic.append((f"{s} {g} {cousin}", full, False, "cousin (patr.)"))
        male = masculine(s, p)
        synthetic.append((f"{male[0]} {rng.choice(MALE_NAMES)} {male[1]}", full, False, "brother"))
        neighbours = [t for n in (len(s) - 1, len(s), len(s) + 1) for t in by_length.get(n, ())
                      if t != s and Levenshtein.distance(s, t) == 1]  # fmt: skip
        cousin = rng.choice(patronymics)
        if neighbours and Levenshtein.distance(p, cousin) > 1:
            other = f"{rng.choice(neighbours)} {g} {cousin}"
            synthetic.append((other, full, False, "surname 1 letter"))
        initial = rng.choice([h for h in givens if h[0] != g[0]])[0]
        synthetic.append((f"{s} {initial}. {p[0]}.", full, False, "wrong initial"))
    synthetic = [pair for pair in synthetic if pair[0] != pair[1]]
    rng.shuffle(real)
    close = [n for n in real if n[3] == "one letter"]
    rest = [n for n in real if n[3] != "one letter"]
    return synthetic + close + rest[: max(0, count - len(synthetic) - len(close))]


def prf(predicted: list[bool], truth: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    fp = sum(p and not t for p, t in zip(predicted, truth, strict=True))
    fn = sum(t and not p for p, t in zip(predicted, truth, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_threshold(scores: list[float], truth: list[bool]) -> tuple[float, tuple]:
    best = (0.0, (0.0, 0.0, 0.0))
    for threshold in sorted(set(round(s, 3) for s in scores)):
        result = prf([s >= threshold for s in scores], truth)
        if result[2] > best[1][2]:
            best = (threshold, result)
    return best


def print_by_kind(pairs, truth, verdicts: dict[str, list[bool]]) -> None:
    """Right answers by kind (slips summed over generators and by generator), side by side."""
    groups: dict[str, list[int]] = {}
    for i, (*_, kind) in enumerate(pairs):
        groups.setdefault(kind.split(" [")[0], []).append(i)
        if kind.startswith("slip"):
            edit = kind.split()[2]
            groups.setdefault(f"slip, any part: {edit}", []).append(i)
            groups.setdefault(f"slip, generator {kind.split('[')[1][:-1]}", []).append(i)
            groups.setdefault(f"slip, part {kind.split()[1]}", []).append(i)
            groups.setdefault(f"slip, script {kind.split()[3]}", []).append(i)
    names = list(verdicts)
    print("| kind | pairs | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for kind in sorted(groups):
        idx = groups[kind]
        cells = [f"{sum(verdicts[n][i] == truth[i] for i in idx) / len(idx):.3f}" for n in names]
        print(f"| {kind} | {len(idx)} | " + " | ".join(cells) + " |")


def worker(pairs_path: str) -> None:
    """Runs inside the baseline venv: Daitch-Mokotoff and nomenklatura logic-v2 scores."""
    from abydos.phonetic import DaitchMokotoff
    from followthemoney import model
    from nomenklatura.matching import LogicV2, ScoringConfig

    dm = DaitchMokotoff()
    config = ScoringConfig.defaults()

    def codes(name: str) -> list[set]:
        return [set(dm.encode(w)) for w in re.findall(r"\w+", name) if len(w) > 1]

    def dm_score(a: str, b: str) -> float:
        ca, cb = codes(a), codes(b)
        if not ca or not cb:
            return 0.0
        short, long_ = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
        return sum(any(c & d for d in long_) for c in short) / len(short)

    def entity(name: str, n: int):
        e = model.make_entity("Person")
        e.id = f"p{n}"
        e.add("name", name)
        return e

    for n, line in enumerate(open(pairs_path, encoding="utf-8")):
        a, b = line.rstrip("\n").split("\t")
        nk = LogicV2.compare(entity(a, 2 * n), entity(b, 2 * n + 1), config).score
        print(json.dumps({"dm": dm_score(a, b), "nk": nk}))


def key_throughput(names, count: int) -> tuple[float, float]:
    from alzhir.names import name_keys, parse_name

    rng = random.Random(2)
    surnames = [n[0] for n in names]
    givens = [n[1] for n in names]
    patronymics = [n[2] for n in names]
    # synthetic combinations of real words: distinct full names, realistic word repetition
    queries = [f"{rng.choice(surnames)} {rng.choice(givens)} {rng.choice(patronymics)}"
               for _ in range(count)]  # fmt: skip
    start, cpu = time.perf_counter(), time.process_time()
    for q in queries:
        name_keys(parse_name(q)[0])
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=1500)
    parser.add_argument("--keys", type=int, default=1_000_000)
    parser.add_argument("--baseline-python", default="/tmp/nk-venv/bin/python")
    parser.add_argument("--show-errors", type=int, default=0, help="print N errors per kind")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    from rapidfuzz.distance import JaroWinkler
    from unidecode import unidecode

    from alzhir.names import compare, parse_name

    names = load_names()
    pairs = build_pairs(names, args.sample)
    truth = [p[2] for p in pairs]
    print(f"pairs (synthetic, from {len(names)} real names): {len(pairs)}, "
          f"positives {sum(truth)}, negatives {len(truth) - sum(truth)}")  # fmt: skip
    start, cpu = time.perf_counter(), time.process_time()
    ours = [compare(a, b) for a, b, _, _ in pairs]
    took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
    p, r, f = prf([c.same for c in ours], truth)
    print(f"alzhir.names.compare      P {p:.4f}  R {r:.4f}  F1 {f:.4f}  "
          f"({len(pairs) / took:,.0f} pairs/s wall, {len(pairs) / took_cpu:,.0f} CPU)")  # fmt: skip
    kinds = sorted({k for *_, k in pairs})
    for kind in kinds:
        idx = [i for i, pair in enumerate(pairs) if pair[3] == kind]
        right = sum(ours[i].same == truth[i] for i in idx)
        print(f"    {kind:<16} {right}/{len(idx)} right")
        if args.show_errors:
            for i in [i for i in idx if ours[i].same != truth[i]][: args.show_errors]:
                print(f"        {pairs[i][0]}  |  {pairs[i][1]}  {ours[i]}")
    jw = [JaroWinkler.normalized_similarity(unidecode(a).lower(), unidecode(b).lower())
          for a, b, _, _ in pairs]  # fmt: skip
    threshold, (p, r, f) = best_threshold(jw, truth)
    print(
        f"unidecode+Jaro-Winkler    P {p:.4f}  R {r:.4f}  F1 {f:.4f}  (best threshold {threshold})"
    )
    from rapidfuzz import fuzz

    baselines = {
        "rapidfuzz token_sort_ratio": [
            fuzz.token_sort_ratio(unidecode(a).lower(), unidecode(b).lower()) / 100
            for a, b, _, _ in pairs
        ]
    }
    trigram = pg_trigram_scores([(a, b) for a, b, _, _ in pairs])
    if trigram is not None:
        baselines["pg_trgm similarity"] = trigram
    verdicts = {"alzhir compare": [c.same for c in ours]}
    for name, scores in baselines.items():
        threshold, (p, r, f) = best_threshold(scores, truth)
        print(f"{name:<26}P {p:.4f}  R {r:.4f}  F1 {f:.4f}  (best threshold {threshold})")
        verdicts[name] = [score >= threshold for score in scores]
    print_by_kind(pairs, truth, verdicts)
    aliases = khabarovsk_aliases()
    if aliases:
        print(f"Khabarovsk memory book aliases ({len(aliases)} pairs), share compare() calls same:")
        for label, wanted in (("within two slips in every part", lambda n: n <= 2),
                              ("further apart (often another name)", lambda n: n > 2)):  # fmt: skip
            chosen = [(a, b) for a, b, apart in aliases if wanted(apart)]
            same = sum(compare(a, b).same for a, b in chosen)
            print(f"    {label:<36} {same}/{len(chosen)} ({same / max(len(chosen), 1):.3f})")
    baseline = Path(args.baseline_python)
    if baseline.exists():
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as tmp:
            tmp.write("".join(f"{a}\t{b}\n" for a, b, _, _ in pairs))
        out = subprocess.run([str(baseline), __file__, "--worker", tmp.name],
                             capture_output=True, text=True, check=True)  # fmt: skip
        scores = [json.loads(line) for line in out.stdout.splitlines()]
        p, r, f = prf([s["dm"] >= 1.0 for s in scores], truth)
        print(f"Daitch-Mokotoff equality  P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
        threshold, (p, r, f) = best_threshold([s["nk"] for s in scores], truth)
        print(f"nomenklatura logic-v2     P {p:.4f}  R {r:.4f}  F1 {f:.4f}  "
              f"(best threshold {threshold})")  # fmt: skip
    else:
        print(f"baselines DM and nomenklatura skipped: no {baseline}")
    if args.keys:
        seconds, cpu = key_throughput(names, args.keys)
        print(f"name_keys(parse_name()) for {args.keys:,} synthetic names: {seconds:.1f} s wall, "
              f"{cpu:.1f} s CPU ({args.keys / cpu:,.0f} names/s CPU, one process)")  # fmt: skip
        real = [" ".join(n) for n in names]
        parse_name.cache_clear()
        start = time.process_time()
        for name in real:
            parse_name(name)
        took = time.process_time() - start
        print(
            f"parse_name on the {len(real):,} real names, cold cache: "
            f"{took / len(real) * 1e6:.1f} µs CPU each"
        )


if __name__ == "__main__":
    main()
