"""The review queue: only archivists decide, a decision merges, and it can be undone."""

import pytest
from django.contrib.auth.models import Group, User

from alzhir.registry.models import Record

pytestmark = pytest.mark.django_db


def user_with_role(role: str | None) -> User:
    user = User.objects.create_user(f"user-{role}", password="x")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


STAFF_PAGES = ["/en/staff/review/", "/en/staff/review/{pk}", "/en/staff/family/"]


@pytest.mark.parametrize("page", STAFF_PAGES)
@pytest.mark.parametrize("role, status", [(None, 403), ("moderator", 403), ("archivist", 200),
                                          ("administrator", 200)])  # fmt: skip
def test_staff_pages_by_role(client, pair, page, role, status):
    url = page.format(pk=pair.pk)
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    client.force_login(user_with_role(role))
    assert client.get(url).status_code == status


def test_an_archivist_accepts_a_pair_and_undoes_it(client, pair):
    client.force_login(user_with_role("archivist"))
    page = client.get(f"/en/staff/review/{pair.pk}").content.decode()
    assert "Rachel Messerer-Plisetskaya" in page and "double-barrelled" in page

    response = client.post(f"/en/staff/review/{pair.pk}/decide", {"verdict": "same"}, follow=True)
    pair.refresh_from_db()
    assert pair.status == "confirmed" and pair.decided_by == "user-archivist"
    assert pair.record_a.person_id == Record.objects.get(pk=pair.record_b_id).person_id
    undo_url = next(
        line.split('action="')[1].split('"')[0]
        for line in response.content.decode().splitlines()
        if "/staff/undo/" in line
    )
    client.post(undo_url)
    pair.refresh_from_db()
    assert pair.status == "proposed"
    assert Record.objects.get(pk=pair.record_a_id).person_id != Record.objects.get(
        pk=pair.record_b_id
    ).person_id


def test_a_moderator_cannot_decide(client, pair):
    client.force_login(user_with_role("moderator"))
    assert client.post(f"/en/staff/review/{pair.pk}/decide", {"verdict": "same"}).status_code == 403
    pair.refresh_from_db()
    assert pair.status == "proposed"
