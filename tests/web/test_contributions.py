"""Relatives' contributions: nothing is public before a moderator approves it; an approval
adds new evidence (a contribution source's record) beside the sources, and can be undone."""

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from alzhir.contributions.models import Contribution
from alzhir.registry.actions import do_reject_contribution
from alzhir.registry.models import AuditEntry, Citation, Name, Person, Record, Source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_and_limits(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()  # the rate limiter counts in the cache


@pytest.fixture
def rachel(demo):
    return Record.objects.get(record_id="messerer-plisetskaya-rachel").person


def is_public(person) -> bool:
    return Person.objects.public().filter(pk=person.pk).exists()


def user_with_role(role: str | None) -> User:
    user, created = User.objects.get_or_create(username=f"user-{role}")
    if created and role:
        user.groups.add(Group.objects.get(name=role))
    return user


def page(client, person) -> str:
    response = client.get(f"/en/persons/{person.pk}")
    assert response.status_code == 200
    return response.content.decode()


def submit(client, person, kind, **data):
    base = {"contributor_name": "Anna Petrova", "relation": "great-granddaughter",
            "contributor_email": "anna@example.org", "consent": "on"}  # fmt: skip
    return client.post(f"/en/persons/{person.pk}/contribute/{kind}", base | data)


def moderate(client, contribution, verdict):
    client.force_login(user_with_role("moderator"))
    response = client.post(
        f"/en/staff/moderation/{contribution.pk}/decide", {"verdict": verdict}, follow=True
    )
    client.logout()
    return response


def jpeg_with_metadata(orientation: int = 1) -> bytes:
    image = Image.new("RGB", (64, 48), "darkred")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 10.0, 30.0)
    out = BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken at home")
    return out.getvalue()


def test_a_correction_is_hidden_until_approved_then_a_new_assertion(client, rachel):
    names_before = set(Name.objects.filter(record__person=rachel).values_list("pk", "full_text"))
    corrected = "Мессерер-Плисецкая Рахиль Мироновна"
    response = submit(client, rachel, "correction", subject="name", value=corrected,
                      text="Her birth certificate.")  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("/contribute/thanks")
    assert "Мироновна" not in page(client, rachel)
    assert not Source.objects.filter(kind="contribution").exists()

    contribution = Contribution.objects.get()
    assert contribution.status == "pending"
    moderate(client, contribution, "approve")

    html = page(client, rachel)
    assert corrected in html
    assert "according to Anna Petrova" in html
    source = Source.objects.get(name="contribution: Anna Petrova")
    assert source.kind == "contribution"
    assert f'href="/en/sources/{source.pk}"' in html
    record = Record.objects.get(source=source)
    assert record.person_id == rachel.pk
    assert Citation.objects.filter(source=source).count() == 2  # the record and its name
    # What the sources said stays as it was.
    old = Name.objects.filter(record__person=rachel).exclude(record=record)
    assert set(old.values_list("pk", "full_text")) == names_before
    assert "anna@example.org" not in html
    entry = AuditEntry.objects.get(action="approve_contribution")
    assert entry.actor == "user-moderator" and entry.new["record"] == record.pk


def test_a_corrected_birth_date_becomes_a_dated_event_of_the_contribution(client, rachel):
    submit(client, rachel, "correction", subject="birth", value="1902-03-05", text="")
    moderate(client, Contribution.objects.get(), "approve")
    event = Record.objects.get(source__kind="contribution").events.get()
    assert (event.type, event.date_edtf, str(event.date_lower)) == ("birth", "1902-03-05",
                                                                     "1902-03-05")  # fmt: skip


def test_an_approved_memory_shows_under_testimonies_with_its_source(client, rachel):
    memory = "Grandmother told us she sang lullabies to the babies in the barracks."
    submit(client, rachel, "memory", text=memory, contributor_name="")
    assert memory not in page(client, rachel)
    moderate(client, Contribution.objects.get(), "approve")
    html = page(client, rachel)
    memories = html[html.index("Memories") :]
    assert memory in memories
    assert "anonymous relative" in memories and "a relative's contribution" in memories


def test_a_photo_is_reencoded_without_metadata_and_shown_once_approved(client, rachel):
    original = jpeg_with_metadata(orientation=6)
    assert b"SecretCam" in original and b"taken at home" in original
    upload = SimpleUploadedFile("grandmother.jpg", original, content_type="image/jpeg")
    response = submit(client, rachel, "photo", upload=upload, rights="on", text="Moscow, 1935")
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    stored = contribution.photo.read()
    assert b"SecretCam" not in stored and b"taken at home" not in stored
    with Image.open(BytesIO(stored)) as image:
        assert image.format == "JPEG" and not image.getexif()
        assert image.size == (48, 64)  # turned upright before the orientation tag went

    photo_url = f"/photos/{contribution.pk}"
    assert client.get(photo_url).status_code == 404
    assert photo_url not in page(client, rachel)
    moderate(client, contribution, "approve")
    response = client.get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == stored
    html = page(client, rachel)
    assert f'src="{photo_url}"' in html and "Moscow, 1935" in html


def test_png_text_chunks_are_stripped_and_transparency_kept(client, rachel):
    info = PngInfo()
    info.add_text("Author", "Secret Name")
    out = BytesIO()
    Image.new("RGBA", (10, 10), (255, 0, 0, 128)).save(out, "PNG", pnginfo=info)
    upload = SimpleUploadedFile("x.png", out.getvalue(), content_type="image/png")
    assert submit(client, rachel, "photo", upload=upload, rights="on").status_code == 302
    stored = Contribution.objects.get().photo.read()
    assert b"Secret Name" not in stored
    with Image.open(BytesIO(stored)) as image:
        assert image.format == "PNG" and image.mode == "RGBA" and "Author" not in image.info


@pytest.mark.parametrize(
    "name, content",
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("photo.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"),
        ("photo.jpg", jpeg_with_metadata()[:200]),  # truncated
        ("photo.bmp", None),  # a real image of a type we do not take
    ],
)
def test_anything_but_an_accepted_image_is_refused(client, rachel, name, content):
    if content is None:
        out = BytesIO()
        Image.new("RGB", (8, 8)).save(out, "BMP")
        content = out.getvalue()
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = submit(client, rachel, "photo", upload=upload, rights="on")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_photo_over_the_size_cap_is_refused(client, rachel, settings):
    settings.ALZHIR_PHOTO_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.jpg", jpeg_with_metadata() + b"\0" * 2000)
    response = submit(client, rachel, "photo", upload=upload, rights="on")
    assert "too large" in response.content.decode()
    assert not Contribution.objects.exists()


def test_consent_is_required(client, rachel):
    response = submit(client, rachel, "memory", text="A memory.", consent="")
    assert response.status_code == 200 and not Contribution.objects.exists()


def test_a_rejected_contribution_stays_hidden_and_the_rejection_can_be_undone(client, rachel):
    submit(client, rachel, "memory", text="Not about her at all.")
    contribution = Contribution.objects.get()
    response = moderate(client, contribution, "reject")
    assert "Not about her at all." not in page(client, rachel)
    contribution.refresh_from_db()
    assert contribution.status == "rejected" and contribution.record is None
    assert not Source.objects.filter(kind="contribution").exists()

    undo_url = re.search(r'action="(/en/staff/undo/\d+)"', response.content.decode())
    client.force_login(user_with_role("moderator"))
    client.post(undo_url.group(1))
    contribution.refresh_from_db()
    assert contribution.status == "pending"
    assert "Not about her at all." in client.get("/en/staff/moderation/").content.decode()


def test_undoing_an_approval_withdraws_its_evidence(client, rachel):
    submit(client, rachel, "correction", subject="name", value="Рахиль Плисецкая-Мессерер")
    contribution = Contribution.objects.get()
    moderate(client, contribution, "approve")
    assert "Рахиль Плисецкая-Мессерер" in page(client, rachel)
    record_pk = Contribution.objects.get().record_id
    entry = AuditEntry.objects.get(action="approve_contribution")

    client.force_login(user_with_role("moderator"))
    client.post(f"/en/staff/undo/{entry.pk}")
    client.logout()
    assert "Рахиль Плисецкая-Мессерер" not in page(client, rachel)
    assert not Record.objects.filter(pk=record_pk).exists()
    assert not Citation.objects.filter(source__kind="contribution").exists()
    contribution.refresh_from_db()
    assert contribution.status == "pending" and contribution.record is None
    entry.refresh_from_db()
    assert entry.undone_by.action == "undo"
    # Back in the queue, it can be approved again.
    moderate(client, contribution, "approve")
    assert "Рахиль Плисецкая-Мессерер" in page(client, rachel)


def test_no_contributions_for_a_private_person(client, demo):
    azari = Record.objects.get(record_id="plisetski-azari").person
    assert not is_public(azari)
    response = submit(client, azari, "memory", text="A memory.")
    assert response.status_code == 404 and not Contribution.objects.exists()


@pytest.mark.parametrize("key", ["molotov-vyacheslav", "barinov-sergey", "plisetskaya-maya"])
def test_no_memory_form_for_officials_and_others_named_as_context(client, demo, key):
    person = Record.objects.get(record_id=key).person
    html = page(client, person)
    assert "Can you add to this?" not in html and "/contribute/" not in html
    assert "not among the people this memorial remembers" in html
    for kind in ("memory", "correction", "photo"):
        assert client.get(f"/en/persons/{person.pk}/contribute/{kind}").status_code == 404
        assert submit(client, person, kind, text="A memory.").status_code == 404
    assert not Contribution.objects.exists()


def test_contributions_are_rate_limited(client, rachel, settings):
    settings.ALZHIR_RATE_LIMITS = {"contribute": "2/3600"}
    for number in range(2):
        assert submit(client, rachel, "memory", text=f"Memory {number}.").status_code == 302
    refused = submit(client, rachel, "memory", text="A third memory.")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
    assert Contribution.objects.count() == 2
    # Reading the form is not counted.
    assert client.get(f"/en/persons/{rachel.pk}/contribute/memory").status_code == 200


def test_forms_need_the_csrf_token(rachel):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    url = f"/en/persons/{rachel.pk}/contribute/memory"
    data = {"text": "A memory.", "consent": "on"}
    assert strict.post(url, data).status_code == 403
    form = strict.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert strict.post(url, data | {"csrfmiddlewaretoken": token}).status_code == 302


def test_person_page_queries_stay_few_with_contributions(
    client, rachel, django_assert_max_num_queries
):
    submit(client, rachel, "memory", text="A memory.")
    submit(client, rachel, "correction", subject="name", value="Рахиль Мессерер")
    for contribution in Contribution.objects.all():
        moderate(client, contribution, "approve")
    # Records, names, events, citations, relatives, relatives named in the sources,
    # contributions: the JSON-LD block reads the page's own facts rather than querying them again.
    with django_assert_max_num_queries(8):
        html = page(client, rachel)
    assert "Memories" in html and "according to Anna Petrova" in html


STAFF_PAGES = [
    ("get", "/en/staff/moderation/"),
    ("post", "/en/staff/moderation/{contribution}/decide"),
    ("get", "/en/staff/persons/{person}/privacy"),
    ("post", "/en/staff/persons/{person}/privacy"),
    ("post", "/en/staff/undo/{decision}"),
]
ALLOWED = {
    "/en/staff/moderation/": {"moderator", "administrator"},
    "/en/staff/moderation/{contribution}/decide": {"moderator", "administrator"},
    "/en/staff/persons/{person}/privacy": {"archivist", "administrator"},
    "/en/staff/undo/{decision}": {"moderator", "administrator"},
}


@pytest.mark.parametrize("method, page_url", STAFF_PAGES)
@pytest.mark.parametrize("role", [None, "moderator", "archivist", "administrator"])
def test_staff_pages_by_role(client, rachel, method, page_url, role):
    submit(client, rachel, "memory", text="A memory.")
    submit(client, rachel, "memory", text="Another memory.")
    first, second = Contribution.objects.order_by("pk")
    decision = do_reject_contribution(second, "someone")
    url = page_url.format(contribution=first.pk, person=rachel.pk, decision=decision.pk)
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(user_with_role(role))
    status = getattr(client, method)(url).status_code
    if role in ALLOWED[page_url]:
        assert status in (200, 302)
    else:
        assert status == 403


def test_an_archivist_makes_a_person_private_and_undoes_it(client, rachel):
    client.force_login(user_with_role("archivist"))
    response = client.post(
        f"/en/staff/persons/{rachel.pk}/privacy",
        {"is_private": "1", "reason": "family asked"},
        follow=True,
    )
    assert not is_public(rachel)
    assert not rachel.records.public().exists()
    entry = AuditEntry.objects.get(action="set_person_privacy")
    assert entry.reason == "family asked" and entry.new == {"is_private": True}
    client.logout()
    assert client.get(f"/en/persons/{rachel.pk}").status_code == 404

    undo_url = re.search(r'action="(/en/staff/undo/\d+)"', response.content.decode())
    client.force_login(user_with_role("archivist"))
    client.post(undo_url.group(1))
    client.logout()
    assert is_public(rachel)
    assert client.get(f"/en/persons/{rachel.pk}").status_code == 200


def test_a_moderator_cannot_undo_a_privacy_change(client, rachel):
    client.force_login(user_with_role("archivist"))
    client.post(f"/en/staff/persons/{rachel.pk}/privacy", {"is_private": "1"})
    entry = AuditEntry.objects.get(action="set_person_privacy")
    client.force_login(user_with_role("moderator"))
    assert client.post(f"/en/staff/undo/{entry.pk}").status_code == 403
    assert not is_public(rachel)


def test_an_approved_name_is_found_by_search_and_a_private_person_is_not(client, rachel):
    submit(client, rachel, "correction", subject="name", value="Rakhil Plisetskaja-Messerer")

    def found() -> set[int]:
        data = client.get("/api/search", {"q": "Rakhil Plisetskaja-Messerer"}).json()
        return {hit["person_id"] for hit in data["results"]}

    moderate(client, Contribution.objects.get(), "approve")
    assert rachel.pk in found()
    client.force_login(user_with_role("archivist"))
    client.post(f"/en/staff/persons/{rachel.pk}/privacy", {"is_private": "1"})
    client.logout()
    assert rachel.pk not in found()


def test_approval_after_a_merge_goes_to_the_merged_person(client, rachel, museum_list):
    from alzhir.cli import main
    from alzhir.registry.actions import do_merge_persons

    submit(client, rachel, "memory", text="A memory written before the merge.")
    main(["import", str(museum_list), "--source", "museum"])
    museum = Record.objects.get(source__name="museum", record_id="M-1").person
    do_merge_persons(museum, [rachel], "archivist")
    moderate(client, Contribution.objects.get(), "approve")
    assert Record.objects.get(source__kind="contribution").person_id == museum.pk
    html = page(client, museum)
    assert "A memory written before the merge." in html
