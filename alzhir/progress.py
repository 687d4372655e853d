"""Progress of long commands (import, index, link, export, restore): a bar on stderr when it is a
terminal, nothing when it is a log file or a pipe, so logs and piped output stay clean.

tqdm decides it (`disable=None`: a bar only when its stream is a terminal). Django-free, so
the linkage engine reports through it without knowing where its output goes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tqdm import tqdm


def bar(
    items: Iterable | None = None,
    *,
    desc: str,
    unit: str = "rows",
    total: float | None = None,
    shown: bool | None = None,
    **options,
) -> tqdm:
    """A tqdm bar over `items` (or updated by hand). `shown`: None for "only on a terminal",
    True or False to force it."""
    quiet = None if shown is None else not shown
    return tqdm(items, desc=desc, unit=unit, total=total, disable=quiet, **options)


def stage_bar(desc: str, shown: bool | None = None, **options) -> tqdm:
    """For a step that names its stages but has no count: the latest stage (`set_postfix_str`,
    which tqdm writes after a comma) and the time taken."""
    return bar(desc=desc, shown=shown, bar_format="{desc}{postfix} [{elapsed}]", **options)


def _silent(_text: str) -> None:
    pass


@dataclass(frozen=True)
class Progress:
    """How a run reports: `say` takes stage lines (written to a log as well, when the caller
    wants them there), `count` wraps a long loop in a bar (on a terminal only, unless `shown`
    says otherwise)."""

    say: Callable[[str], None] = _silent
    shown: bool | None = None

    def count(self, items: Iterable, desc: str, unit: str, total: int | None = None) -> tqdm:
        return bar(items, desc=desc, unit=unit, total=total, shown=self.shown, leave=False)

    def counter(self, desc: str, unit: str, total: int | None = None) -> tqdm:
        """A bar advanced by `update(n)` (a `with` block closes it)."""
        return bar(desc=desc, unit=unit, total=total, shown=self.shown, leave=False)

    def stages(self, desc: str) -> tqdm:
        """A `stage_bar`, told each stage by `set_postfix_str`."""
        return stage_bar(desc, shown=self.shown, leave=False)
