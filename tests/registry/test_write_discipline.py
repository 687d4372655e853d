"""One writer: no module outside alzhir.registry.actions writes a registry table, and every
action writes exactly one audit entry and declares who may do (and undo) it and how it is
undone. The source tree is scanned here; tests/conftest.py also refuses, while every test runs,
any registry write issued from outside the actions."""

import ast
import re
from pathlib import Path

import pytest

from alzhir.registry import actions
from alzhir.registry.actions import KINDS

ALZHIR = Path(__file__).resolve().parents[2] / "alzhir"
ACTIONS = ALZHIR / "registry" / "actions"
# Writers of data derived from the registry, or of a whole registry at once: each says why.
ALLOWED = {
    "opendata/restore.py": "loads a whole archive into an empty registry, in one transaction",
    "search/index.py": "the search index: derived rows, rebuilt from the registry at will",
    "search/fulltext.py": "the full-text documents of the search index, derived likewise",
}
REGISTRY_MODELS = {
    "Source", "ImportBatch", "Person", "Record", "Name", "Place", "PlaceName", "Event",
    "Relationship", "Citation", "AuditEntry", "LinkageRun", "MatchProposal", "PublishedFigure",
    "Contribution",
}  # fmt: skip
# Instances are named after their model across the code base (`person`, `record`, `entry` …).
INSTANCE_NAMES = {
    "source", "batch", "person", "record", "name", "place", "event", "relationship", "link",
    "citation", "entry", "run", "proposal", "figure", "contribution", "target",
}  # fmt: skip
RELATED = {"records", "names", "events", "batches", "citations", "merged_persons", "figures",
           "contributions", "relationships_as_a", "relationships_as_b"}  # fmt: skip
QUERYSET_WRITES = {"create", "bulk_create", "update", "bulk_update", "delete", "get_or_create",
                   "update_or_create"}  # fmt: skip
INSTANCE_WRITES = {"save", "delete"}
SQL_WRITE = re.compile(r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(registry|contributions)_",
                       re.I)  # fmt: skip


def _root(node):
    """The name a chain of attributes and calls starts from: `Person` in
    `Person.objects.filter(...).update(...)`, with the attribute names met on the way."""
    attributes = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            attributes.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return (node.id if isinstance(node, ast.Name) else None), attributes[::-1]


def registry_writes(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            root, chain = _root(node.func.value)
            through = chain[:1]
            if method in QUERYSET_WRITES and root in REGISTRY_MODELS and (
                {"objects", "_base_manager", "_default_manager"} & set(through)
            ):
                found.append((node.lineno, f"{root}.{'.'.join(chain)}.{method}()"))
            elif method in QUERYSET_WRITES and RELATED & set(chain):
                found.append((node.lineno, f"{root}.{'.'.join(chain)}.{method}()"))
            elif method in INSTANCE_WRITES and not chain and root in INSTANCE_NAMES:
                found.append((node.lineno, f"{root}.{method}()"))
            elif method in ("insert_rows", "update_rows") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Name) and first.id in REGISTRY_MODELS:
                    found.append((node.lineno, f"bulk.{method}({first.id}, …)"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL_WRITE.search(node.value):
                found.append((node.lineno, f"SQL {node.value[:40]!r}"))
    return found


def test_no_registry_write_outside_the_actions():
    offenders = []
    for path in sorted(ALZHIR.rglob("*.py")):
        relative = path.relative_to(ALZHIR).as_posix()
        if path.is_relative_to(ACTIONS) or "/migrations/" in relative or relative in ALLOWED:
            continue
        for line, what in registry_writes(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"alzhir/{relative}:{line}: {what}")
    assert not offenders, "registry writes outside alzhir.registry.actions:\n" + "\n".join(
        offenders
    )


def test_the_scan_finds_writes_it_is_meant_to_find():
    """The scan itself can fail: each form of write it knows is caught in a sample."""
    sample = '''
Person.objects.filter(pk=1).update(sex="F")
Record.objects.create(person=p)
person.records.update(is_private=True)
record.delete()
contribution.save(update_fields=["status"])
bulk.update_rows(Person, ["sex"], rows)
cursor.execute("UPDATE registry_person SET sex = 'F'")
NameKey.objects.filter(person_id__in=ids).delete()
'''
    assert [line for line, _ in registry_writes(ast.parse(sample))] == [2, 3, 4, 5, 6, 7, 8]


def test_helpers_that_write_stay_private_to_the_actions():
    """Outside the package only its public face is imported: the named actions."""
    offenders = []
    for path in sorted(ALZHIR.rglob("*.py")):
        if path.is_relative_to(ACTIONS):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "alzhir.registry.actions"
            ):
                private = [
                    a.name
                    for a in node.names
                    if node.module != "alzhir.registry.actions" or a.name not in actions.__all__
                ]
                if private:
                    offenders.append(f"{path.relative_to(ALZHIR)}: {node.module} {private}")
    assert offenders == [], offenders


def _audits(path: Path) -> set[str]:
    return {
        node.args[1].value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "audit"
        and len(node.args) > 1
        and isinstance(node.args[1], ast.Constant)
    }


def test_every_audited_action_is_declared_with_its_permission_and_undo():
    audited = set().union(*(_audits(p) for p in ACTIONS.glob("*.py")))
    assert audited <= set(KINDS), audited - set(KINDS)
    for kind in KINDS.values():
        assert kind.undo_note, kind.name
        assert kind.permission or kind.name in ("submit_contribution", "undo"), kind.name
        if kind.reverse is None:
            assert kind.undo_note.startswith(("not undone", "an undo is not")), kind.name


def test_audit_refuses_an_undeclared_action(db):
    from alzhir.registry.actions.base import audit

    with pytest.raises(ValueError, match="not a declared action"):
        audit("someone", "rename_everyone", "person", 1)


def test_the_design_document_lists_every_action_with_its_permission_and_undo():
    doc = (ALZHIR.parent / "docs" / "design.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (`[\w.]+`|—) \| (.+) \|$", doc, re.M)
    listed = {name: (perm.strip("`").replace("—", ""), note) for name, perm, note in rows}
    assert listed == {k.name: (k.permission, k.undo_note) for k in KINDS.values()}
