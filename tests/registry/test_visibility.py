"""The one visibility rule, attacked: privacy belongs to records, and a person's public face is
computed from her public records only, whatever merges, splits, verdicts, link runs and undos
did to the clusters. Each leak found in the registry before the rule has its own test here; the
state machine in test_visibility_machine.py tries every order of them."""

import ast
import re
from pathlib import Path

import pytest

from alzhir.cli import main
from alzhir.registry import actions
from alzhir.registry.models import MatchProposal, Person, Record
from tests.registry.public_face import (
    crawl_and_check,
    expected,
    private_markers,
    reads_through_the_rule,
)

pytestmark = pytest.mark.django_db
ALZHIR = Path(__file__).resolve().parents[2] / "alzhir"


def person_of(source: str, record_id: str) -> Person:
    return Record.objects.get(source__name=source, record_id=record_id).person


def is_public(person) -> bool:
    return Person.objects.public().filter(pk=person.pk).exists()


@pytest.fixture
def living(demo, tmp_path):
    """A museum list beside the demo: the same Rachel (public), and a living granddaughter's
    record the family asked to keep private, with a birth date and sex the museum gives."""
    path = tmp_path / "museum.csv"
    path.write_text(
        "record_id,surname,given_name,patronymic,sex,birth_date,birth_place,notes,private\n"
        "M-1,Мессерер-Плисецкая,Рахиль,Михайловна,,,,,no\n"
        "M-2,Тайнова,Елизавета,Азарьевна,F,1969-05-02,Москва,телефон семьи 495-000,yes\n",
        encoding="utf-8",
    )
    main(["import", str(path), "--source", "museum"])
    return person_of("museum", "M-2")


def test_the_demo_crawled_shows_nothing_private(client, demo, tmp_path):
    assert "Плисецкий Азарий Михайлович" in private_markers()
    crawl_and_check(client, tmp_path)


def test_a_private_persons_record_merged_into_a_public_one_stays_private(client, living, tmp_path):
    """The first leak: B private, merged (by a linkage run or an archivist's "same") into A."""
    rachel = person_of("qalam-alzhir-article", "messerer-plisetskaya-rachel")
    birth_year, sex = rachel.birth_year, rachel.sex
    pair = MatchProposal.objects.create(
        record_a=rachel.records.first(), record_b=living.records.get(), score=0.95
    )
    actions.do_decide_match(pair, "same", "archivist")
    rachel.refresh_from_db()
    assert Record.objects.get(record_id="M-2").person_id == rachel.pk
    # The private record's name, birth and sex are not the person's face.
    assert (rachel.birth_year, rachel.sex) == (birth_year, sex)
    for url in (f"/en/persons/{rachel.pk}", f"/api/persons/{rachel.pk}"):
        body = client.get(url).content.decode()
        assert "Тайнова" not in body and "1969" not in body and "495-000" not in body
    assert not client.get("/api/search", {"q": "Тайнова Елизавета"}).json()["results"]
    # Her old address was never public: it does not become a way to Rachel.
    assert client.get(f"/en/persons/{living.pk}").status_code == 404
    crawl_and_check(client, tmp_path)


def test_a_linkage_runs_merges_keep_private_records_private(client, living, tmp_path):
    rachel = person_of("qalam-alzhir-article", "messerer-plisetskaya-rachel")
    museum = person_of("museum", "M-1")
    actions.do_apply_linkage(
        actor="linker", backend="duckdb", settings={}, parameters={}, summary={},
        clusters={str(r.pk): "c1" for r in (*rachel.records.all(), *museum.records.all(),
                                               *living.records.all())},
        to_review=[],
    )  # fmt: skip
    assert Record.objects.filter(person=rachel).count() == 3
    crawl_and_check(client, tmp_path)
    # The museum's public Rachel redirects to the person her record joined.
    assert client.get(f"/en/persons/{museum.pk}")["Location"] == f"/en/persons/{rachel.pk}"


def test_the_face_takes_no_birth_date_or_sex_from_a_private_record(living):
    """The second leak: refresh_persons took birth date and sex from private records."""
    museum = person_of("museum", "M-1")
    assert (museum.birth_year, museum.sex) == (None, "U")
    actions.do_merge_persons(museum, [living], "archivist")
    museum.refresh_from_db()
    assert (museum.birth_year, museum.sex, museum.display_name) == (
        None,
        "U",
        "Мессерер-Плисецкая Рахиль Михайловна",
    )


def test_a_different_verdict_does_not_split_a_private_record_into_a_public_person(
    client, living, tmp_path
):
    """The third leak: "different" split a private record into a new person created public."""
    museum = person_of("museum", "M-1")
    actions.do_merge_persons(museum, [living], "archivist")
    private = Record.objects.get(record_id="M-2")
    pair = MatchProposal.objects.create(record_a=museum.records.get(record_id="M-1"),
                                        record_b=private, score=0.6)  # fmt: skip
    actions.do_decide_match(pair, "different", "archivist")
    private.refresh_from_db()
    split_off = private.person
    assert split_off.pk not in (museum.pk, living.pk)
    assert not is_public(split_off) and split_off.display_name == ""
    assert client.get(f"/en/persons/{split_off.pk}").status_code == 404
    crawl_and_check(client, tmp_path)


def test_privacy_is_set_per_record_and_undone(client, demo, tmp_path):
    rachel = person_of("qalam-alzhir-article", "messerer-plisetskaya-rachel")
    record = rachel.records.get()
    entry = actions.do_set_records_privacy([record], True, "archivist", "family asked")
    assert not is_public(rachel)
    assert rachel.pk not in {p.pk for p in client.get("/en/wall/").context["persons"]}
    crawl_and_check(client, tmp_path)
    actions.do_undo(entry, "archivist")
    assert is_public(rachel)
    with pytest.raises(actions.ActionError, match="already public"):
        actions.do_set_records_privacy([record], False, "archivist")


def test_a_person_with_a_private_and_a_public_record_shows_the_public_one(client, living):
    museum = person_of("museum", "M-1")
    actions.do_merge_persons(museum, [living], "archivist")
    actions.do_set_person_privacy(museum, True, "archivist")
    assert not is_public(museum)
    actions.do_set_records_privacy(
        [Record.objects.get(record_id="M-1")], False, "archivist", "a published list"
    )
    museum.refresh_from_db()
    assert is_public(museum) and museum.display_name == "Мессерер-Плисецкая Рахиль Михайловна"
    page = client.get(f"/en/persons/{museum.pk}").content.decode()
    assert "Тайнова" not in page and "Елизавета" not in page


def test_the_home_page_counts_public_records_only(client, living):
    """The fourth leak: the home page's record count included private records."""
    counts = client.get("/en/").context["counts"]
    public = Record.objects.filter(is_private=False, source__is_synthetic=False).count()
    assert counts["records"] == public == Record.objects.count() - 2  # Azari, and the museum's


def test_merged_persons_redirect_only_while_a_record_they_gave_up_is_public(client, living):
    museum = person_of("museum", "M-1")
    rachel = person_of("qalam-alzhir-article", "messerer-plisetskaya-rachel")
    actions.do_merge_persons(rachel, [museum], "archivist")
    assert client.get(f"/en/persons/{museum.pk}")["Location"] == f"/en/persons/{rachel.pk}"
    actions.do_set_records_privacy([Record.objects.get(record_id="M-1")], True, "archivist")
    assert client.get(f"/en/persons/{museum.pk}").status_code == 404
    assert client.get(f"/api/persons/{museum.pk}").status_code == 404


def test_import_reads_the_private_and_role_columns(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "record_id,full_name,role,private\n1,Иванова Анна,,\n2,Петров Пётр,official,нет\n"
        "3,Сидорова Мария,child,да\n4,Орлова Вера,repressed,maybe\n5,Кузнецов Иван,judge,0\n",
        encoding="utf-8",
    )
    assert main(["import", str(path), "--source", "list"]) == 1
    assert not Record.objects.exists()
    path.write_text(path.read_text(encoding="utf-8").rsplit("4,", 1)[0], encoding="utf-8")
    assert main(["import", str(path), "--source", "list"]) == 0
    rows = dict(Record.objects.values_list("record_id", "role"))
    assert rows == {"1": "repressed", "2": "official", "3": "child"}
    assert list(Record.objects.filter(is_private=True).values_list("record_id", flat=True)) == [
        "3"
    ]
    assert "private" not in Record.objects.get(record_id="3").fields


def test_the_memorial_profile_reads_a_role_column_when_the_file_has_one(tmp_path):
    path = tmp_path / "algir.csv"
    path.write_text(
        "fullname_y,bdate,bplace,sex,nationality,pmj,obvin,osujd_date,osujd_org,prigovor,"
        "source,role\nИванова Анна Петровна,1900,,Ж,,,,,,,,\n"
        "Гаранин Степан Николаевич,1898,,М,,,,,,,,official\n",
        encoding="utf-8",
    )
    assert main(["import", str(path), "--profile", "memorial"]) == 0
    assert sorted(Record.objects.values_list("role", flat=True)) == ["official", "repressed"]


# --- one rule in code --------------------------------------------------------------------------

# Where a record's privacy flag may be spelt: the model, the rule, the writers (and the rows an
# import's writer writes, made ready), the import that reads it into a draft, and the staff
# pages that show and switch it.
PRIVACY_SPELT_IN = {
    "registry/models.py",
    "registry/visibility.py",
    "registry/drafts.py",
    "registry/ready.py",
    "registry/admin.py",
    "ingest/rows.py",
    "demo/load.py",
    "web/moderation_views.py",
    "web/templates/alzhir/staff/privacy.html",
}


def test_no_public_read_spells_the_privacy_flag_itself():
    offenders = []
    for path in sorted(ALZHIR.rglob("*")):
        relative = path.relative_to(ALZHIR).as_posix()
        if path.suffix not in (".py", ".html") or "/migrations/" in relative:
            continue
        if relative.startswith("registry/actions/") or relative in PRIVACY_SPELT_IN:
            continue
        if "is_private" in path.read_text(encoding="utf-8"):
            offenders.append(relative)
    assert offenders == [], f"read through alzhir.registry.visibility instead: {offenders}"


def test_a_read_around_the_rule_is_caught(demo):
    """The crawl's guard can fail: alzhir code reading records without the rule (here the
    archivists' list of unread sentence text, which rightly lists private records too) would
    be reported if a public page served it."""
    from alzhir.stats.unparsed import unparsed_fragments

    with pytest.raises(AssertionError, match="read around the rule"):
        with reads_through_the_rule():
            unparsed_fragments(())


SERVE = "web/cli.py"  # `alzhir serve`, whose --demo path alone may load the demo


def test_no_production_page_or_command_reads_the_demo_fixture():
    """Only `serve --demo` loads the demo: the home page and `alzhir stats` read the registry."""
    offenders = []
    for path in sorted(ALZHIR.rglob("*.py")):
        relative = path.relative_to(ALZHIR).as_posix()
        if relative.startswith("demo/") or relative == SERVE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("alzhir.demo"):
                offenders.append(relative)
    assert offenders == []
    cli = (ALZHIR / SERVE).read_text(encoding="utf-8")
    assert re.findall(r"alzhir\.demo\S*", cli) == ["alzhir.demo.load"]
    assert "if args.demo:" in cli.split("alzhir.demo.load")[0].rsplit("def ", 1)[1]


def test_the_oracle_agrees_with_the_rule(living):
    """The crawl's expectations are computed without the rule: they agree with it here."""
    expect = expected()
    assert expect.public == set(Person.objects.public().values_list("pk", flat=True))
    assert expect.remembered == set(
        Person.objects.public().remembered().values_list("pk", flat=True)
    )
