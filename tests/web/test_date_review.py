"""The staff list of dates to review: what the import could not fully read or found
implausible, each linked to its record's person, for archivists only, in a fixed number of
queries however many records it shows."""

import pytest
from django.contrib.auth.models import Group, User

from alzhir.ingest.importer import import_file
from alzhir.registry.models import Record
from tests.ingest import archival_list

pytestmark = pytest.mark.django_db
PAGE = "/en/staff/dates/"


@pytest.fixture
def memory_book(tmp_path):
    data, profile = archival_list.write(tmp_path)
    import_file(data, source_name="synthetic-memory-book", profile=str(profile), progress=False)


def signed_in(client, role):
    user = User.objects.create_user(f"user-{role}", password="x")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)


@pytest.mark.parametrize("role, status", [("moderator", 403), ("archivist", 200)])
def test_only_archivists_see_it(client, memory_book, role, status):
    assert client.get(PAGE).status_code == 302
    signed_in(client, role)
    assert client.get(PAGE).status_code == status


def test_every_doubtful_date_is_listed_beside_its_record(
    client, memory_book, django_assert_max_num_queries
):
    signed_in(client, "archivist")
    with django_assert_max_num_queries(8):
        html = client.get(PAGE).content.decode()
    for record_id, column, text, reading, kind in archival_list.doubtful():
        person = Record.objects.get(record_id=record_id).person_id
        link = f'<a href="/en/persons/{person}">synthetic-memory-book:{record_id}</a>'
        cells = f"<td>{column}</td>\n      <td>«{text}»</td>\n      <td>{reading or '—'}</td>"
        assert link in html and cells in html
        assert html.count(f"<strong>{'not fully read' if kind == 'unread' else kind}</strong>")
    assert "day 31 does not exist in June 1938" in html and "implausible" in html
    assert "1897 (1898)" not in html  # read whole: nothing to review
    assert client.get("/ru/staff/dates/").content.decode().count("Даты для проверки") >= 2
