"""Every change to the registry goes through a named action of this package: it validates,
writes, and writes its one audit row in the same transaction, and its kind says which staff
permission it needs and how it is undone (`KINDS`). One module per family of actions; this
module is their public face (importing it also declares every kind). Helpers that write are
private to the package: nothing outside it writes a registry table (tests/registry/
test_write_discipline.py), but for derived data (the search index) and a restore."""

from alzhir.registry.actions.accounts import (
    do_create_staff_account,
    do_set_staff_active,
    do_set_staff_password,
    do_set_staff_role,
)
from alzhir.registry.actions.base import KINDS, ActionError, NotPermitted, permission_of
from alzhir.registry.actions.contributions import (
    DuplicateContribution,
    do_approve_contribution,
    do_attach_record,
    do_reject_contribution,
    do_submit_contribution,
)
from alzhir.registry.actions.figures import do_remove_published_figure, do_set_published_figure
from alzhir.registry.actions.imports import (
    AlreadyImported,
    FileImport,
    do_create_source,
    do_import_batch,
    do_import_file,
    get_or_create_source,
)
from alzhir.registry.actions.linkage import do_apply_linkage
from alzhir.registry.actions.matches import do_decide_match
from alzhir.registry.actions.mentions import do_set_named_relatives
from alzhir.registry.actions.persons import (
    do_merge_groups,
    do_merge_persons,
    do_split_records,
)
from alzhir.registry.actions.places import do_create_place
from alzhir.registry.actions.privacy import do_set_person_privacy, do_set_records_privacy
from alzhir.registry.actions.relationships import do_add_relationship, do_decide_relationship
from alzhir.registry.actions.tokens import do_issue_token, do_revoke_token
from alzhir.registry.actions.undo import do_undo

__all__ = [
    "DuplicateContribution",
    "KINDS",
    "ActionError",
    "AlreadyImported",
    "FileImport",
    "NotPermitted",
    "do_add_relationship",
    "do_apply_linkage",
    "do_approve_contribution",
    "do_attach_record",
    "do_create_place",
    "do_create_source",
    "do_create_staff_account",
    "do_decide_match",
    "do_decide_relationship",
    "do_import_batch",
    "do_set_named_relatives",
    "do_import_file",
    "do_issue_token",
    "do_merge_groups",
    "do_merge_persons",
    "do_reject_contribution",
    "do_revoke_token",
    "do_remove_published_figure",
    "do_set_person_privacy",
    "do_set_published_figure",
    "do_set_records_privacy",
    "do_set_staff_active",
    "do_set_staff_password",
    "do_set_staff_role",
    "do_split_records",
    "do_submit_contribution",
    "do_undo",
    "get_or_create_source",
    "permission_of",
]
