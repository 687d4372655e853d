"""Every action writes exactly one audit entry, and undo asks for the permission of the action
it undoes: an endpoint × role matrix over every kind of change (an archivist cannot undo a
moderator's approval, a moderator cannot undo a merge or a privacy change)."""

import pytest
from django.contrib.auth.models import Group, User

from alzhir.contributions.models import Contribution
from alzhir.ingest.importer import import_file
from alzhir.registry import actions
from alzhir.registry.drafts import NameDraft, RecordDraft
from alzhir.registry.models import AuditEntry, MatchProposal, Record, Source

pytestmark = pytest.mark.django_db

REVIEWERS = {"archivist", "administrator"}
MODERATORS = {"moderator", "administrator"}


def _record(key):
    return Record.objects.get(record_id=key)


def _pair():
    return MatchProposal.objects.create(record_a=_record("1"), record_b=_record("2"), score=0.8)


def _contribution():
    return actions.do_submit_contribution(
        Contribution(person=_record("1").person, kind="memory", text="Мама пела нам.")
    )


def _figure(**values):
    return actions.do_set_published_figure(
        "names_known", "archivist", value=8000, text="about 8,000", claim="names known",
        source="memory-book", **values,
    )  # fmt: skip


# kind: (what to do before, the action itself, roles that may undo it, whether it can be undone)
SCENARIOS = {
    "merge_persons": (None, lambda _: actions.do_merge_persons(
        _record("1").person, [_record("2").person], "archivist"), REVIEWERS, True),
    "split_records": (lambda: actions.do_merge_persons(
        _record("1").person, [_record("2").person], "archivist"),
        lambda _: actions.do_split_records([_record("2")], "archivist"), REVIEWERS, True),
    "decide_match": (_pair, lambda pair: actions.do_decide_match(pair, "same", "archivist"),
                     REVIEWERS, True),
    "defer_match": (_pair, lambda pair: actions.do_decide_match(pair, "later", "archivist"),
                    REVIEWERS, True),
    "add_relationship": (None, lambda _: actions.do_add_relationship(
        "mother", _record("1").person, _record("3").person, "family-linker", score=0.8),
        REVIEWERS, True),
    "decide_relationship": (lambda: actions.do_add_relationship(
        "mother", _record("1").person, _record("3").person, "family-linker", score=0.8),
        lambda link: actions.do_decide_relationship(link, "confirmed", "archivist"),
        REVIEWERS, True),
    "approve_contribution": (_contribution, lambda c: actions.do_approve_contribution(
        c, "moderator"), MODERATORS, True),
    "reject_contribution": (_contribution, lambda c: actions.do_reject_contribution(
        c, "moderator"), MODERATORS, True),
    "set_person_privacy": (None, lambda _: actions.do_set_person_privacy(
        _record("1").person, True, "archivist"), REVIEWERS, True),
    "set_records_privacy": (None, lambda _: actions.do_set_records_privacy(
        [_record("3")], True, "archivist"), REVIEWERS, True),
    "set_published_figure": (None, lambda _: _figure(), REVIEWERS, True),
    "remove_published_figure": (_figure, lambda _: actions.do_remove_published_figure(
        "names_known", "administrator"), REVIEWERS, True),
    "attach_record": (None, lambda _: actions.do_attach_record(
        _record("1").person, Source.objects.get(name="memory-book"),
        RecordDraft("letter-1", {"text": "a letter"}, names=[NameDraft("Иванова Анна")]),
        "archivist"), REVIEWERS, True),
    "set_named_relatives": (None, lambda _: actions.do_set_named_relatives([{
        "record_id": _record("3").pk, "kin": "child", "name": "Мария", "year": 1950,
        "phrase": "Дети: Мария (1950)"}], "family-linker"), REVIEWERS, True),
    "create_source": (None, lambda _: actions.do_create_source("a new list", "archivist"),
                      REVIEWERS, False),
    "submit_contribution": (None, lambda _: _contribution(), set(), False),
}  # fmt: skip
ROLES = [None, "moderator", "archivist", "administrator"]


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "record_id,surname,given_name,sex,birth_date\n1,Иванова,Анна,F,1901\n"
        "2,Иванова,Анна,F,1901\n3,Иванов,Пётр,M,1925\n",
        encoding="utf-8",
    )
    import_file(path, source_name="memory-book", progress=False)


def _entry_of(kind):
    setup, act, _, _ = SCENARIOS[kind]
    prepared = setup() if setup else None
    before = AuditEntry.objects.count()
    result = act(prepared)
    assert AuditEntry.objects.count() == before + 1, f"{kind} wrote more or fewer entries"
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.action == kind
    if isinstance(result, AuditEntry):
        assert result == entry
    return entry


@pytest.mark.parametrize("kind", SCENARIOS)
def test_every_action_writes_exactly_one_audit_entry(registry, kind):
    entry = _entry_of(kind)
    assert entry.actor and entry.object_type and entry.object_id


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
@pytest.mark.parametrize("kind", SCENARIOS)
def test_undo_needs_the_permission_of_the_action_undone(client, registry, kind, role):
    entry = _entry_of(kind)
    _, _, allowed, undoable = SCENARIOS[kind]
    if role:
        user = User.objects.create_user(f"user-{role}", password="x")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
    response = client.post(f"/en/staff/undo/{entry.pk}")
    entry.refresh_from_db()
    if role is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert entry.undone_by is None
    elif role in allowed:
        assert response.status_code == 302
        assert (entry.undone_by is not None) == undoable, (kind, role)
    else:
        assert response.status_code == 403, (kind, role)
        assert entry.undone_by is None


def test_an_archivist_cannot_undo_a_moderators_approval(client, registry):
    entry = _entry_of("approve_contribution")
    archivist = User.objects.create_user("archivist", password="x")
    archivist.groups.add(Group.objects.get(name="archivist"))
    with pytest.raises(actions.NotPermitted):
        actions.do_undo(entry, "archivist", user=archivist)
    entry.refresh_from_db()
    assert entry.undone_by is None and Contribution.objects.get().status == "approved"


def test_every_kind_with_an_undo_is_in_the_matrix():
    reversible = {name for name, kind in actions.KINDS.items() if kind.reverse}
    accounts = {"set_staff_role", "set_staff_active"}  # `alzhir staff`, not the site's undo
    assert reversible - accounts <= set(SCENARIOS), reversible - accounts - set(SCENARIOS)
