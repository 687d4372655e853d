"""The Django admin cannot go around the actions: it shows the registry, and refuses to add,
change or delete anything in it, even to a superuser; staff accounts are made with `alzhir
staff`, not here."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from alzhir.contributions.models import Contribution
from alzhir.registry.models import AuditEntry, Person, Record

pytestmark = pytest.mark.django_db


def registered():
    return [
        model
        for model in admin.site._registry
        if model._meta.app_label in ("registry", "contributions", "auth")
    ]


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root", password="x"))
    return client


def test_every_registry_model_is_in_the_admin_for_reading(superuser_client):
    models = {m._meta.model_name for m in registered()}
    assert {"person", "record", "relationship", "auditentry", "contribution", "matchproposal",
            "publishedfigure", "source", "user"} <= models  # fmt: skip
    for model in registered():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert superuser_client.get(url).status_code == 200, url


def test_nothing_can_be_added_changed_or_deleted_there(superuser_client, demo, pair):
    rows = {
        Person: Person.objects.first(),
        Record: Record.objects.first(),
        AuditEntry: AuditEntry.objects.first(),
    }
    for model in registered():
        label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert superuser_client.get(reverse(f"{label}_add")).status_code == 403, label
    for model, row in rows.items():
        label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        before = model.objects.count()
        change = reverse(f"{label}_change", args=[row.pk])
        page = superuser_client.get(change)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert superuser_client.post(change, {"display_name": "X"}).status_code == 403
        assert superuser_client.post(reverse(f"{label}_delete", args=[row.pk]),
                                     {"post": "yes"}).status_code == 403  # fmt: skip
        bulk = superuser_client.post(
            reverse(f"{label}_changelist"),
            {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
        )
        assert bulk.status_code in (200, 302) and model.objects.count() == before, label
    person = Person.objects.get(pk=rows[Person].pk)
    assert person.display_name != "X"


def test_the_admin_offers_no_createsuperuser_detour_for_staff(superuser_client):
    assert superuser_client.get(reverse("admin:auth_user_add")).status_code == 403
    assert superuser_client.get(reverse("admin:auth_group_add")).status_code == 403
    assert Contribution._meta.model_name in {m._meta.model_name for m in registered()}
