"""Web benchmark: the site under gunicorn on a registry of N synthetic women, 50 concurrent
clients on /en/search?q=… and /en/persons/<id>, PostgreSQL beside SQLite in the same run.

    .venv/bin/python -m bench.web_bench --persons 100000
    .venv/bin/python -m bench.web_bench --persons 1000000 --drop

Each registry is built once with the fast import path (import_file under deferred_indexing,
then rebuild_index) and kept for the next run: the SQLite file and the CSV in --scratch, the
PostgreSQL database alzhir_web_bench_<N> on 127.0.0.1:5432 (--drop drops both at the end).
Names are drawn with real-list frequencies (bench/search_names.py, which reads ../shared/data);
the source is named `synthetic-web-bench` and flagged synthetic.

Two load shapes per backend: `browsing` (each client waits --think seconds, ±50 %, between
pages, as a reader does) and `saturated` (no wait: the server's ceiling on this machine). Each
request's latency includes the time it queued for a gunicorn worker. The wall (first page, a
deep page, one letter) is timed apart, one request at a time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
SOURCE = "synthetic-web-bench"
BACKENDS = ("postgresql", "sqlite")
ID_SAMPLE = 2000
QUERY_SAMPLE = 400
STALE = 3  # exit status of --build when the kept registry's schema is older than the code


def database_url(backend: str, persons: int, scratch: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{scratch / f'registry-{persons}.sqlite3'}"
    return f"{PG_SERVER}/alzhir_web_bench_{persons}"


def write_csv(path: Path, persons: int) -> None:
    """Generic CSV of synthetic women with real-list name frequencies, 10 % in Latin script."""
    from bench.search_names import latin, real_rows, synthetic_people

    algir = SHARED / "alzhir/algir.csv"
    if not algir.exists():
        sys.exit(f"{algir} is absent: the name frequencies come from the real lists")
    real = real_rows(algir)
    people = synthetic_people(persons, real, SHARED / "names/khabarovsk_memory_book_names.csv")
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["record_id", "surname", "given_name", "patronymic", "sex", "birth_date",
                         "notes"])  # fmt: skip
        for number, (surname, given, patronymic, year, script) in enumerate(people, start=1):
            if script == "Latn":
                surname, given, patronymic = latin(surname), latin(given), latin(patronymic)
            writer.writerow([f"W{number}", surname, given, patronymic, "F", year,
                             "synthetic person for the web benchmark"])  # fmt: skip


def build(backend: str, persons: int, scratch: Path) -> None:
    """Runs in a child process whose ALZHIR_DATABASE_URL names the registry to build."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.migrations.exceptions import InconsistentMigrationHistory

    from alzhir.ingest.importer import import_file
    from alzhir.registry.models import Person, Record
    from alzhir.search.index import deferred_indexing, rebuild_index

    data = scratch / f"{SOURCE}-{persons}.csv"
    if not data.exists():
        started = time.perf_counter()
        write_csv(data, persons)
        print(f"  wrote {data.name} in {time.perf_counter() - started:.0f} s", flush=True)
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except InconsistentMigrationHistory:
        sys.exit(STALE)
    if not Record.objects.filter(source__name=SOURCE).exists():
        started = time.perf_counter()
        with deferred_indexing():
            import_file(data, source_name=SOURCE, progress=False, synthetic=True)
        imported = time.perf_counter()
        rebuild_index()
        print(
            f"  {backend}: import {imported - started:.0f} s, "
            f"index {time.perf_counter() - imported:.0f} s",
            flush=True,
        )
    ids = list(Person.objects.filter(merged_into=None).values_list("pk", flat=True))
    rng = random.Random(1938)
    sample = {"person_ids": rng.sample(ids, min(ID_SAMPLE, len(ids))), "persons": len(ids)}
    (scratch / f"sample-{backend}-{persons}.json").write_text(json.dumps(sample))


def queries(persons: int, scratch: Path) -> list[str]:
    """Search queries as a relative types them: surname and given name, some in Latin."""
    with (scratch / f"{SOURCE}-{persons}.csv").open(encoding="utf-8", newline="") as stream:
        rows = [row for _, row in zip(range(50_000), csv.DictReader(stream), strict=False)]
    rng = random.Random(1953)
    return [f"{row['surname']} {row['given_name']}" for row in rng.sample(rows, QUERY_SAMPLE)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(url: str, workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "ALZHIR_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "alzhir.web.settings",
    }
    env.pop("ALZHIR_DEBUG", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "alzhir.web.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--backlog", "256",
         "--timeout", "60"],
        env=env, cwd=REPO, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/en/", timeout=5).read()
            return server, base
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn exited: see {log}")
            time.sleep(0.5)
    server.terminate()
    sys.exit(f"gunicorn did not answer in 60 s: see {log}")


def fetch(url: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    return (time.perf_counter() - started) * 1000, ok


def load(base, paths_by_kind, clients: int, seconds: float, think: float) -> dict:
    """`clients` threads, each requesting a random page (search or person) in turn until the
    time is up; returns latencies in ms per kind and the request rate."""
    latencies = {kind: [] for kind in paths_by_kind}
    errors = []
    stop_at = time.monotonic() + seconds

    def client(number: int):
        rng = random.Random(number)
        kinds = list(paths_by_kind)
        time.sleep(think * rng.random())  # readers arrive spread out, not in one burst
        while time.monotonic() < stop_at:
            kind = rng.choice(kinds)
            elapsed, ok = fetch(base + rng.choice(paths_by_kind[kind]))
            (latencies[kind] if ok else errors).append(elapsed)
            if think:
                time.sleep(think * rng.uniform(0.5, 1.5))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.perf_counter() - started
    done = sum(len(v) for v in latencies.values())
    return {"latencies": latencies, "errors": len(errors), "rate": done / elapsed}


def server_cpu_seconds(master_pid: int) -> float:
    """User+system CPU of gunicorn's workers so far (Linux /proc): per request, this is the
    cost that a shared machine's contention does not inflate the way it inflates latency."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def time_wall(base: str, pages: int) -> dict[str, float]:
    """Median ms of 5 sequential requests to each wall view."""
    views = {
        "wall first page": "/en/wall/",
        "wall deep page": f"/en/wall/?page={max(1, pages // 2)}",
        "wall letter К": "/en/wall/?letter=%D0%9A",
        "home": "/en/",
    }
    return {name: statistics.median(fetch(base + path)[0] for _ in range(5))
            for name, path in views.items()}  # fmt: skip


def prepare(backend, args, scratch) -> str:
    """Build the registry unless a previous run left it; returns its database URL."""
    url = database_url(backend, args.persons, scratch)
    if backend == "postgresql":
        create_pg_database(url)
    env = {
        **os.environ,
        "ALZHIR_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "alzhir.web.settings",
    }
    command = [sys.executable, __file__, "--build", backend, "--persons", str(args.persons),
               "--scratch", str(scratch)]  # fmt: skip
    if subprocess.run(command, env=env).returncode == STALE:
        print(f"  {backend}: the kept registry predates today's migrations: rebuilding")
        drop_registry(backend, args.persons, scratch)
        if backend == "postgresql":
            create_pg_database(url)
        subprocess.run(command, env=env, check=True)
    return url


def bench_backend(backend, args, scratch) -> dict:
    url = prepare(backend, args, scratch)
    sample = json.loads((scratch / f"sample-{backend}-{args.persons}.json").read_text())
    paths = {
        "search": [f"/en/search?q={quote_plus(q)}" for q in queries(args.persons, scratch)],
        "person": [f"/en/persons/{pk}" for pk in sample["person_ids"]],
    }
    server, base = start_gunicorn(url, args.workers, scratch / f"gunicorn-{backend}.log")
    try:
        for kind in paths:  # warm each worker's imports and the database cache
            load(base, {kind: paths[kind][:50]}, args.workers, 2, 0)
        result = {"persons": sample["persons"]}
        for shape, think in (("browsing", args.think), ("saturated", 0.0)):
            cpu = server_cpu_seconds(server.pid)
            result[shape] = run = load(base, paths, args.clients, args.seconds, think)
            served = sum(len(v) for v in run["latencies"].values()) + run["errors"]
            run["cpu_ms"] = (server_cpu_seconds(server.pid) - cpu) * 1000 / max(1, served)
        result["wall"] = time_wall(base, sample["persons"] // 100)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return result


def create_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f"CREATE DATABASE {name}")


def drop_registry(backend: str, persons: int, scratch: Path) -> None:
    """Drop one kept registry (the generated CSV stays for the next build)."""
    if backend == "postgresql":
        import psycopg

        name = database_url(backend, persons, scratch).rsplit("/", 1)[1]
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        for path in scratch.glob(f"registry-{persons}.sqlite3*"):
            path.unlink()


def drop(args, scratch: Path) -> None:
    for backend in BACKENDS:
        drop_registry(backend, args.persons, scratch)
    kept = [f"{SOURCE}-{args.persons}.csv", *(f"sample-{b}-{args.persons}.json" for b in BACKENDS)]
    for name in kept:
        (scratch / name).unlink(missing_ok=True)


def report(results: dict, args) -> None:
    print(f"\n{args.persons:,} synthetic persons; gunicorn {args.workers} sync workers; "
          f"{args.clients} clients for {args.seconds:.0f} s per shape; "
          f"{os.cpu_count()} cores shared with other work")  # fmt: skip
    print(f"{'backend':<11} {'shape':<10} {'page':<7} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'req/s':>7} {'errors':>6} {'server CPU ms/req':>18}")  # fmt: skip
    for backend, result in results.items():
        for shape in ("browsing", "saturated"):
            run = result[shape]
            for kind, values in run["latencies"].items():
                print(f"{backend:<11} {shape:<10} {kind:<7} {len(values):>6} "
                      f"{percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
                      f"{run['rate']:>7.1f} {run['errors']:>6} {run['cpu_ms']:>18.1f}")  # fmt: skip
    print("\nsingle requests, median of 5 (ms):")
    for backend, result in results.items():
        print(f"  {backend:<11} " + "  ".join(f"{k} {v:.0f}" for k, v in result["wall"].items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=5.0, help="browsing pause, seconds")
    parser.add_argument("--workers", type=int, default=3, choices=(2, 3, 4))
    parser.add_argument("--backends", nargs="+", choices=BACKENDS, default=list(BACKENDS))
    parser.add_argument("--scratch", type=Path, default=REPO / "var" / "web-bench")
    parser.add_argument("--drop", action="store_true", help="drop the registries afterwards")
    parser.add_argument("--prepare-only", action="store_true", help="build registries, no load")
    parser.add_argument("--build", choices=BACKENDS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.scratch.mkdir(parents=True, exist_ok=True)
    if args.build:
        build(args.build, args.persons, args.scratch)
        return
    if args.prepare_only:
        for backend in args.backends:
            prepare(backend, args, args.scratch)
        return
    results = {}
    for backend in args.backends:
        print(f"{backend}: building or reusing the registry", flush=True)
        results[backend] = bench_backend(backend, args, args.scratch)
    report(results, args)
    if args.drop:
        drop(args, args.scratch)


if __name__ == "__main__":
    main()
