"""Chunks made in a worker process while this one writes them: an import's second core.

The importing process writes (one writer holds the transaction) while a forked child reads the
file and makes its records ready (`alzhir.registry.ready`). The child inherits the parent's
database connection with everything else, so it must read no table; it ends with os._exit
(as multiprocessing's fork does), which closes nothing of the parent's. It must also end when
the parent is killed: it holds the inherited socket of the parent's PostgreSQL session, whose
transaction and locks the server keeps until every holder has closed it.
"""

import contextlib
import ctypes
import multiprocessing
import os
import queue
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator

from alzhir.forking import heap_frozen, usable_cores

DEPTH = 4  # chunks made ahead of the writer at most: memory stays flat with the file's size
_POLL = 1.0  # seconds between looks at whether the other process still lives
_PR_SET_PDEATHSIG = 1  # prctl(2)


class WorkerFailed(RuntimeError):
    """The worker process raised (its traceback in the message) or died."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and usable_cores() >= 2


def made_in_worker(chunks: Callable[[], Iterable]) -> Iterator:
    """What `chunks()` yields, in order, made in a forked child. A failure in the child is
    raised here; leaving the loop early (an error in the writer) stops the child."""
    context = multiprocessing.get_context("fork")
    made = context.Queue(maxsize=DEPTH)
    child = context.Process(target=_make, args=(chunks, made, os.getpid()), daemon=True)
    with heap_frozen():
        child.start()
    try:
        while True:
            try:
                kind, payload = made.get(timeout=_POLL)
            except queue.Empty:
                if not child.is_alive():
                    raise WorkerFailed(
                        f"the import's worker died (exit code {child.exitcode})"
                    ) from None
                continue
            if kind == "done":
                return
            if kind == "failed":
                raise WorkerFailed(f"the import's worker failed:\n{payload}")
            yield payload
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        made.close()


def _make(chunks: Callable[[], Iterable], made, parent: int) -> None:
    _die_with(parent)
    try:
        for chunk in chunks():
            _hand_over(made, ("chunk", chunk), parent)
    except BaseException:  # noqa: BLE001 - whatever it was, the parent must hear of it
        _hand_over(made, ("failed", traceback.format_exc()), parent)
    else:
        _hand_over(made, ("done", None), parent)
    made.close()
    made.join_thread()


def _die_with(parent: int) -> None:
    """On Linux the kernel kills this process when the parent dies, wherever it waits (the
    queue's last flush included); elsewhere _hand_over's look at the parent must do."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _hand_over(made, item, parent: int) -> None:
    """Put the item in the queue, or end the process once the parent is gone (killed: a
    daemon child is only stopped by a parent that exits normally)."""
    while True:
        try:
            made.put(item, timeout=_POLL)
            return
        except queue.Full:
            if os.getppid() != parent:
                os._exit(1)
