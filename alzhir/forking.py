"""Forking a worker from a process that holds much (the feature workers of a linkage run, an
import's worker)."""

import contextlib
import gc
import os


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextlib.contextmanager
def heap_frozen():
    """Fork inside this block: the child's garbage collector then never reaches what the
    parent held. Otherwise a child collects the cycles its parent had not collected yet and
    runs their finalizers in the wrong process: in CI, after the browser tests, both linkage
    feature workers died of a segmentation fault while "Garbage-collecting" objects inherited
    from the test process (greenlet among its extensions). `gc.freeze()` is what Python's
    documentation advises before fork(), for copy-on-write memory as well."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
