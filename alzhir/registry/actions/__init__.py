"""Every change to the registry goes through a named action of this package: it validates,
writes, and writes its audit row in the same transaction. One module per family of actions;
this module is their public face (importing it also registers how each action is undone)."""

from alzhir.registry.actions.base import ActionError, audit, reversible
from alzhir.registry.actions.imports import (
    AlreadyImported,
    FileImport,
    do_create_source,
    do_import_batch,
    do_import_file,
    get_or_create_source,
    write_record_of_person,
)
from alzhir.registry.actions.matches import do_decide_match
from alzhir.registry.actions.persons import (
    do_merge_groups,
    do_merge_persons,
    do_split_records,
    refresh_persons,
)
from alzhir.registry.actions.places import do_create_place, ensure_places
from alzhir.registry.actions.relationships import do_add_relationship, do_decide_relationship
from alzhir.registry.actions.undo import do_undo

__all__ = [
    "ActionError",
    "AlreadyImported",
    "FileImport",
    "audit",
    "do_add_relationship",
    "do_create_place",
    "do_create_source",
    "do_decide_match",
    "do_decide_relationship",
    "do_import_batch",
    "do_import_file",
    "do_merge_groups",
    "do_merge_persons",
    "do_split_records",
    "do_undo",
    "ensure_places",
    "get_or_create_source",
    "refresh_persons",
    "reversible",
    "write_record_of_person",
]
