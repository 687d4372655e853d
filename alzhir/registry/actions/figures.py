"""Published figures ("about 20,000 women passed through ALZHIR"): facts with their citation,
set and removed by staff. A registry shows only the figures it holds beside its own counts."""

from django.db import transaction

from alzhir.registry.actions.base import ActionError, audit, declare, reversible
from alzhir.registry.models import AuditEntry, FigureComparison, PublishedFigure, Source

CHANGE = "registry.change_publishedfigure"
KEPT = ["value", "text", "claim", "locator", "compared_with", "featured"]

declare("set_published_figure", CHANGE, "the figure gets back what it said, or goes if new")
declare("remove_published_figure", CHANGE, "the figure comes back as it was")


def _kept(figure: PublishedFigure) -> dict:
    return {name: getattr(figure, name) for name in KEPT} | {"source": figure.source.name}


def _values(values: dict) -> dict:
    """Checked field values, with the source named by its registry name."""
    source = Source.objects.filter(name=values["source"]).first()
    if source is None:
        raise ActionError(f"no source {values['source']!r}: a figure is cited to a source")
    if not str(values.get("text", "")).strip() or not str(values.get("claim", "")).strip():
        raise ActionError("a figure needs its text as printed and what it counts")
    if values.get("compared_with", "") not in ("", *FigureComparison.values):
        raise ActionError(
            f"compared_with must be one of {', '.join(FigureComparison.values)} (or empty)"
        )
    return {name: values.get(name, "") for name in KEPT if name != "featured"} | {
        "value": int(values["value"]),
        "featured": bool(values.get("featured", False)),
        "source": source,
    }


@transaction.atomic
def do_set_published_figure(key: str, actor: str, reason: str = "", **values) -> PublishedFigure:
    """Add a figure, or change one: value, text as printed, claim, source (its name), locator,
    compared_with (an overview row of the statistics) and featured (on the home page)."""
    existing = PublishedFigure.objects.select_for_update().filter(key=key).first()
    old = _kept(existing) if existing else None
    figure, _ = PublishedFigure.objects.update_or_create(key=key, defaults=_values(values))
    audit(
        actor, "set_published_figure", "published_figure", key, old=old, new=_kept(figure),
        reason=reason,
    )  # fmt: skip
    return figure


@transaction.atomic
def do_remove_published_figure(key: str, actor: str, reason: str = "") -> AuditEntry:
    figure = PublishedFigure.objects.select_for_update().filter(key=key).first()
    if figure is None:
        raise ActionError(f"no published figure {key!r}")
    old = _kept(figure)
    figure.delete()
    return audit(actor, "remove_published_figure", "published_figure", key, old=old,
                 reason=reason)  # fmt: skip


def _put_back(key: str, values: dict | None) -> None:
    PublishedFigure.objects.filter(key=key).delete()
    if values is not None:
        PublishedFigure.objects.create(key=key, **_values(values))


@reversible("set_published_figure")
def _reverse_setting(entry, undo):
    current = PublishedFigure.objects.filter(key=entry.object_id).first()
    if current is None or _kept(current) != entry.new:
        raise ActionError(f"figure {entry.object_id} has changed since; undo that first")
    _put_back(entry.object_id, entry.old)


@reversible("remove_published_figure")
def _reverse_removal(entry, undo):
    if PublishedFigure.objects.filter(key=entry.object_id).exists():
        raise ActionError(f"figure {entry.object_id} was set again since; undo that first")
    _put_back(entry.object_id, entry.old)
