"""Which rows a public archive leaves out, and why.

A row is private when its `is_private` flag is set; a row that points at a left-out row
(a record of a private person, a citation of a private name, an audit entry about a private
relationship) goes with it, so nothing in the package refers to what is not in it.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from alzhir.opendata.tables import PRIVATE_APPS, columns, generic_keys, resource_name

PRIVATE_FLAG = "is_private"
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
        wanted = [model._meta.pk.attname]
        wanted += [PRIVATE_FLAG] if PRIVATE_FLAG in names else []
        wanted += [name for name, _ in refs]
        wanted += [n for pair in generic for n in (f"{pair[0]}_id", pair[1])]
        wanted += list(ABOUT_FIELDS) if about else []
        out: set = set()
        self_refs = defaultdict(list)
        for row in model._base_manager.values_list(*wanted).iterator(chunk_size=20000):
            values = dict(zip(wanted, row, strict=True))
            why = _why(values, refs, generic, about, left, by_resource, model)
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


def _why(values, refs, generic, about, left, by_resource, model) -> str:
    if model._meta.app_label in PRIVATE_APPS:
        return "submissions as sent (contributors' addresses, unpublished text) are private"
    if values.get(PRIVATE_FLAG):
        return f"{PRIVATE_FLAG} is true"
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
