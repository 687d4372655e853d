"""Which rows a public archive leaves out, and why.

A row is left out when the one visibility rule does not show it (alzhir.registry.visibility:
a private record, its names and events, a person with no public record, a link to her); a row
that points at a left-out row (a citation of a private name, an audit entry about a private
record, a review item of two records one of which is private) goes with it, so nothing in the
package refers to what is not in it. A merged-away person stays while her old address redirects,
unless she was merged into a person the archive leaves out (nothing may name a left-out row).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from alzhir.opendata.tables import PRIVATE_APPS, columns, generic_keys, resource_name
from alzhir.registry.visibility import redirecting_persons

NOT_PUBLIC = "not public by the visibility rule (alzhir.registry.visibility)"
# Audit-style tables name the row they are about by its table and id as text.
ABOUT_FIELDS = ("object_type", "object_id")


def _field_names(model) -> set[str]:
    return {f.attname for f in model._meta.concrete_fields}


def left_out_rows(models) -> tuple[dict, dict]:
    """({model: set of left-out pks}, {model: [rules that left rows out]}), in archive order."""
    left: dict = {}
    rules: dict = defaultdict(list)
    by_resource = {resource_name(m): m for m in models}
    for model in models:
        names = _field_names(model)
        refs = [(c.name, c.reference) for c in columns(model) if c.reference is not None]
        generic = generic_keys(model)
        about = all(f in names for f in ABOUT_FIELDS)
        public = _public_pks(model)
        wanted = [model._meta.pk.attname]
        wanted += [name for name, _ in refs]
        wanted += [n for pair in generic for n in (f"{pair[0]}_id", pair[1])]
        wanted += list(ABOUT_FIELDS) if about else []
        out: set = set()
        self_refs = defaultdict(list)
        for row in model._base_manager.values_list(*wanted).iterator(chunk_size=20000):
            values = dict(zip(wanted, row, strict=True))
            why = _why(values, refs, generic, about, left, by_resource, model, public)
            if why:
                out.add(values[wanted[0]])
                if why not in rules[model]:
                    rules[model].append(why)
            for name, target in refs:
                if target is model and values[name] is not None:
                    self_refs[values[name]].append(values[wanted[0]])
        # Rows pointing at a left-out row of their own table, however long the chain.
        frontier = list(out)
        while frontier:
            for pk in self_refs.pop(frontier.pop(), ()):
                if pk not in out:
                    out.add(pk)
                    frontier.append(pk)
                    why = f"points to a left-out {resource_name(model)}"
                    if why not in rules[model]:
                        rules[model].append(why)
        left[model] = out
    return left, {m: r for m, r in rules.items() if left[m]}


def _public_pks(model) -> set | None:
    """The rows of a model with a visibility rule that the rule shows (None: no rule)."""
    manager = model._default_manager
    if not hasattr(manager, "public") or model._meta.app_label in PRIVATE_APPS:
        return None
    shown = set(manager.public().values_list("pk", flat=True))
    if model._meta.label == "registry.Person":
        shown |= redirecting_persons()
    return shown


def _why(values, refs, generic, about, left, by_resource, model, public) -> str:
    if model._meta.app_label in PRIVATE_APPS:
        return "submissions as sent (contributors' addresses, unpublished text) are private"
    if public is not None and values[model._meta.pk.attname] not in public:
        return NOT_PUBLIC
    for name, target in refs:
        if target is not model and values[name] in left.get(target, ()):
            return f"{name} points to a left-out {resource_name(target)}"
    for ct_name, id_name in generic:
        content_type = values[f"{ct_name}_id"]
        target = ContentType.objects.get_for_id(content_type).model_class()
        if values[id_name] in left.get(target, ()):
            return "cites a left-out row"
    if about:
        target = by_resource.get(values["object_type"])
        if target is not None and _as_pk(values["object_id"]) in left.get(target, ()):
            return "is about a left-out row"
    return ""


def _as_pk(text: str):
    return int(text) if text.isdigit() else text
