"""A Hypothesis state machine over the registry's actions: import lists with private rows, set
privacy per record and per person, link, decide same and different, merge, split, undo, submit
and approve or reject contributions, export the archive and restore it. After every step the
whole public face is crawled (tests/registry/public_face.py): no page, endpoint or public export
shows a private marker, every answer and count is the one computed from the public records
alone, and no public read goes around the visibility rule."""

import itertools

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from alzhir.contributions.models import Contribution, ContributionStatus
from alzhir.ingest.importer import import_file
from alzhir.opendata.archive import export_archive
from alzhir.opendata.restore import import_archive
from alzhir.registry import actions
from alzhir.registry.models import AuditEntry, MatchProposal, Person, Record
from alzhir.search.models import NameKey, SurnameNeighbour, TextDocument
from alzhir.stats.report import forget_reports
from tests.opendata.conftest import empty_registry
from tests.registry.public_face import crawl_and_check

HEADER = "record_id,surname,given_name,patronymic,sex,birth_date,birth_place,notes,role,private\n"
FIRST_LIST = (
    "1,Абрамова,Анна,Ивановна,F,1901,Москва,записано в Бутырке,repressed,no\n"
    "2,Белова,Вера,Петровна,F,1902-03-04,Ленинград,адрес семьи на Литейном,repressed,yes\n"
    "3,Власова,Галина,,F,1937,,родилась в лагере,child,no\n"
    "4,Горина,Дарья,Сергеевна,F,1904,Тифлис,жива по сведениям дочери,repressed,yes\n"
    "5,Денисов,Евгений,,M,1890,,начальник лаготделения,official,no\n"
    "6,Абрамова,Анна,Ивановна,F,1901,,из списка этапа,repressed,no\n"
)
MORE_SURNAMES = ["Жукова", "Зимина", "Карпова", "Лаптева", "Мохова", "Новикова"]
ROLES = ["repressed", "child", "relative", "official", "witness", "other"]


class Registry(RuleBasedStateMachine):
    """One registry, changed only through the actions, checked after every step."""

    client = None
    tmp_path = None
    lists = itertools.count(1)

    @initialize()
    def a_first_list(self):
        empty_registry()
        for model in (NameKey, SurnameNeighbour, TextDocument):
            model.objects.all().delete()
        cache.clear()
        forget_reports()
        self.surnames = iter(MORE_SURNAMES)
        self._import(HEADER + FIRST_LIST, "first-list")

    def _import(self, text: str, source: str):
        path = self.tmp_path / f"list-{next(self.lists)}.csv"
        path.write_text(text, encoding="utf-8")
        import_file(path, source_name=source, progress=False)

    def _records(self):
        return list(Record.objects.order_by("pk"))

    def _persons(self):
        return list(Person.objects.filter(merged_into=None).order_by("pk"))

    @rule(private=st.booleans(), role=st.sampled_from(ROLES), twin=st.booleans())
    def import_another_list(self, private, role, twin):
        surname = next(self.surnames, None)
        if surname is None:
            return
        # a twin of the first list's Абрамова, private or not, for the merges to find
        flag = "yes" if private else "no"
        rows = f"1,{surname},Ольга,Павловна,F,1899,Харьков,сведения от внучки {surname},{role},"
        rows += f"{flag}\n"
        if twin:
            rows += f"2,Абрамова,Анна,Ивановна,F,1901,,{surname} список,repressed,{flag}\n"
        self._import(HEADER + rows, f"list-{next(self.lists)}")

    @rule(data=st.data(), private=st.booleans())
    def set_record_privacy(self, data, private):
        record = data.draw(st.sampled_from(self._records()))
        try:
            actions.do_set_records_privacy([record], private, "archivist")
        except actions.ActionError:
            pass

    @rule(data=st.data(), private=st.booleans())
    def set_person_privacy(self, data, private):
        person = data.draw(st.sampled_from(self._persons()))
        try:
            actions.do_set_person_privacy(person, private, "archivist")
        except actions.ActionError:
            pass

    @rule(data=st.data())
    def merge(self, data):
        persons = self._persons()
        target, other = data.draw(st.lists(st.sampled_from(persons), min_size=2, max_size=2))
        try:
            actions.do_merge_persons(target, [other], "archivist")
        except actions.ActionError:
            pass

    @rule(data=st.data(), verdict=st.sampled_from(["same", "different", "later"]))
    def decide_a_pair(self, data, verdict):
        a, b = sorted(data.draw(st.lists(st.sampled_from(self._records()), min_size=2,
                                         max_size=2, unique_by=lambda r: r.pk)),
                      key=lambda r: r.pk)  # fmt: skip
        proposal, _ = MatchProposal.objects.get_or_create(record_a=a, record_b=b)
        if proposal.status == "proposed":
            actions.do_decide_match(proposal, verdict, "archivist")

    @rule(data=st.data())
    def split(self, data):
        try:
            actions.do_split_records([data.draw(st.sampled_from(self._records()))], "archivist")
        except actions.ActionError:
            pass

    @rule(data=st.data())
    def link(self, data):
        """A linkage run's clusters, as alzhir link applies them (Splink itself is tested in
        tests/linkage): some records put together, uncertain pairs queued."""
        records = self._records()
        chosen = data.draw(st.lists(st.sampled_from(records), min_size=2, max_size=4))
        actions.do_apply_linkage(
            actor="linker", backend="duckdb", settings={}, parameters={}, summary={},
            clusters={str(r.pk): "c" for r in chosen},
            to_review=[{"unique_id_l": str(records[0].pk), "unique_id_r": str(records[-1].pk),
                        "match_probability": 0.7, "match_weight": 1.0, "why": []}],
        )  # fmt: skip

    @rule(data=st.data())
    def undo(self, data):
        done = list(
            AuditEntry.objects.filter(undone_by=None)
            .exclude(action__in=["undo", "import_batch", "create_source", "linkage_run"])
            .order_by("pk")
        )
        if done:
            try:
                actions.do_undo(data.draw(st.sampled_from(done)), "archivist")
            except actions.ActionError:
                pass  # the records have moved since: a later change must be undone first

    @rule(data=st.data())
    def a_relative_writes(self, data):
        remembered = list(Person.objects.public().remembered().order_by("pk"))
        if remembered:
            person = data.draw(st.sampled_from(remembered))
            number = Contribution.objects.count() + 1
            actions.do_submit_contribution(
                Contribution(person=person, kind="memory", text=f"воспоминание номер {number}",
                             contributor_name=f"внучка {number}")  # fmt: skip
            )

    @rule(data=st.data(), approve=st.booleans())
    def a_moderator_decides(self, data, approve):
        pending = list(Contribution.objects.filter(status=ContributionStatus.PENDING))
        if pending:
            decide = actions.do_approve_contribution if approve else actions.do_reject_contribution
            try:
                decide(data.draw(st.sampled_from(pending)), "moderator")
            except actions.ActionError:
                pass

    @rule()
    def archive_and_restore(self):
        """The whole registry out as an open archive and back into an empty one."""
        out = self.tmp_path / f"archive-{next(self.lists)}"
        export_archive(out, include_private=True)
        empty_registry()
        import_archive(out)
        cache.clear()
        forget_reports()

    @invariant()
    def the_public_sees_only_public_records(self):
        crawl_and_check(self.client, self.tmp_path / f"crawl-{next(self.lists)}")


@pytest.mark.slow
@pytest.mark.django_db
def test_no_sequence_of_actions_shows_a_private_record(client, tmp_path):
    Registry.client, Registry.tmp_path = client, tmp_path
    Registry.TestCase.settings = settings(
        max_examples=6,
        stateful_step_count=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    Registry.TestCase().runTest()
