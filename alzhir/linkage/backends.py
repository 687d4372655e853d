"""Where Splink runs: an embedded DuckDB (default, no server) or a Spark session."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import uuid
from typing import Any

from alzhir.progress import Progress

BACKENDS = ("duckdb", "spark")


def make_db_api(backend: str = "duckdb", spark_session: Any = None):
    """A Splink database API for `backend`.

    For Spark, pass the cluster's session; without one, `default_spark_session()` gives the
    one spark-submit configured, or starts a local one. DuckDB's functions that Splink calls
    (jaro_winkler, list intersection) are built in, so nothing is downloaded at run time.
    """
    if backend == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        return DuckDBAPI(duckdb.connect(config=duckdb_config()))
    if backend == "spark":
        from splink import SparkAPI

        session = spark_session or default_spark_session()
        if on_one_machine(session):
            # One machine: keep intermediate tables in memory rather than on disk.
            return SparkAPI(
                spark_session=session,
                break_lineage_method="persist",
                num_partitions_on_repartition=8,
            )
        return SparkAPI(spark_session=session)
    raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def close(db_api: Any) -> None:
    """Close a DuckDB database made by make_db_api, freeing its memory; a Spark session
    belongs to whoever started it."""
    from splink import DuckDBAPI

    if isinstance(db_api, DuckDBAPI):
        db_api._con.close()


def duckdb_config() -> dict:
    """DuckDB's memory capped (ALZHIR_DUCKDB_MEMORY, default 2GB), with a scratch directory to
    spill to, which DuckDB makes and removes itself. Left to its default (80 % of the machine),
    scoring a million records held 7.3 GiB; capped at 2 GB, 3.6 GiB in all, the same pairs,
    and slower scoring (110 s before, 136–152 s after in `alzhir link`; docs/benchmarks.md)."""
    return {
        "memory_limit": os.environ.get("ALZHIR_DUCKDB_MEMORY", "2GB"),
        "temp_directory": os.path.join(tempfile.gettempdir(), f"alzhir-duckdb-{uuid.uuid4().hex}"),
    }


def spark_input(db_api: Any, features: Any) -> Any:
    """The features as Spark will read them: an Arrow table goes through a Parquet file.

    Splink's `register` hands an Arrow table to `createDataFrame`, which embeds every row in
    the query plan (a LocalRelation) that each blocking rule and each persisted step copies.
    Measured with `bench/spark_bench.py` (one model, local mode, 2 cores, 8 GB heap): at 20,000
    records scoring took 177 s and a 7.6 GiB JVM that way against 69 s and 3.7 GiB through
    Parquet; at 100,000 the first way ran out of heap. On one machine Arrow writes the file; on
    a cluster Spark writes it once into the checkpoint directory, which every executor reaches.
    """
    session = getattr(db_api, "spark", None)
    if session is None:
        return features
    if on_one_machine(session):
        import pyarrow.parquet as pq

        path = f"{tempfile.mkdtemp(prefix='alzhir-features-')}/features.parquet"
        pq.write_table(features, path)
    else:
        path = f"{session.sparkContext.getCheckpointDir()}/alzhir-features-{uuid.uuid4().hex}"
        session.createDataFrame(features).write.parquet(path)
    return session.read.parquet(path)


def on_one_machine(session: Any) -> bool:
    """Local mode: the driver and its executors share this machine's disk and memory."""
    master = session.sparkContext.master
    return master == "local" or master.startswith("local[")


def default_spark_session():
    """The session `alzhir link --backend spark` runs on. Started by spark-submit, Spark has
    been told where to run (master URL, memory, Splink's jar, checkpoint directory:
    docs/scaling.md) and the session is the one it configured; otherwise local mode on this
    machine's usable cores. Once made, the run's training and scoring find it active."""
    from pyspark.sql import SparkSession

    if (active := SparkSession.getActiveSession()) is not None:
        return active
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # set by spark-submit for a Python program
        from alzhir.forking import usable_cores

        return local_spark_session(cores=usable_cores())
    session = SparkSession.builder.appName("alzhir-linkage").getOrCreate()
    if session.sparkContext.getCheckpointDir() is None:
        if not on_one_machine(session):
            raise ValueError(
                "Spark on a cluster needs a checkpoint directory every executor can reach: "
                "spark-submit --conf spark.checkpoint.dir=hdfs:///… (or s3a://…)"
            )
        _scratch_checkpoints(session)
    return session


def _scratch_checkpoints(session: Any) -> None:
    """Splink breaks long query lineages with checkpoints; on one machine a scratch
    directory holds them."""
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="alzhir-spark-"))


def local_spark_session(cores: int = 2, memory: str = "4g"):
    """A local Spark session with Splink's similarity UDF jar on its classpath.

    The jar ships inside the splink wheel, so this works offline.
    """
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("alzhir-linkage")
        .config("spark.driver.memory", memory)
        # One heap holds the tasks' results and the driver's copy of them: the 1 GB default
        # guards a cluster's driver, not this
        .config("spark.driver.maxResultSize", memory)
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(cores * 4))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    _scratch_checkpoints(session)
    return session


@contextlib.contextmanager
def watched(db_api: Any, progress: Progress, desc: str):
    """DuckDB's own progress of the query running, polled from a thread into a bar: the one
    view into Splink's training and scoring, minutes of SQL at a million records. Splink runs
    them as queries in turn, so the bar names the query and how far it has got ("query 7:
    40%"). Nothing on Spark (its UI shows stages)."""
    con = getattr(db_api, "_con", None)
    with progress.stages(desc) as shown:
        if shown.disable or not hasattr(con, "query_progress"):
            yield
            return
        con.execute("SET enable_progress_bar = true")  # what query_progress reads
        con.execute("SET enable_progress_bar_print = false")  # DuckDB's own, on stdout
        done = threading.Event()

        def poll():
            query, last = 1, 0.0
            while not done.wait(0.5):
                percent = con.query_progress()
                if percent < 0:
                    continue
                query += percent < last  # a new query starts again from 0
                shown.set_postfix_str(f"query {query}: {percent:.0f}%")
                last = percent

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            yield
        finally:
            done.set()
            poller.join()
