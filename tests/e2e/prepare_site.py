"""Prepare the registry an end-to-end run serves: the demo, a museum list naming Rachel
Messerer-Plisetskaya, one duplicate proposal, and one archivist and one moderator.

Run as a script with ALZHIR_DATABASE_URL set; prints what the tests need as JSON."""

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")
import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402

from alzhir.demo.load import load_demo  # noqa: E402
from alzhir.ingest.importer import import_file  # noqa: E402
from alzhir.registry.models import MatchProposal, Record  # noqa: E402

PASSWORD = "e2e-password-not-secret"
MUSEUM_LIST = "record_id,full_name,sex,birth_date\nM-1,Rachel Messerer-Plisetskaya,F,1902\n"


def prepare() -> dict:
    call_command("migrate", interactive=False, verbosity=0)
    load_demo()
    museum = Path(tempfile.mkdtemp(prefix="alzhir-e2e-")) / "museum.csv"
    museum.write_text(MUSEUM_LIST, encoding="utf-8")
    import_file(museum, source_name="museum", progress=False)
    proposal = MatchProposal.objects.create(
        record_a=Record.objects.get(record_id="messerer-plisetskaya-rachel"),
        record_b=Record.objects.get(source__name="museum", record_id="M-1"),
        score=0.93,
        explanation=["surname: part of a double-barrelled surname, +6.0"],
    )
    users = {}
    for role in ("archivist", "moderator"):
        user = User.objects.create_user(f"e2e-{role}", password=PASSWORD)
        user.groups.add(Group.objects.get(name=role))
        users[role] = user.username
    tukhachevskaya = Record.objects.get(record_id="arvatova-tukhachevskaya-elizaveta").person
    return {
        "proposal": proposal.pk,
        "users": users,
        "password": PASSWORD,
        "tukhachevskaya": tukhachevskaya.pk,
    }


if __name__ == "__main__":
    json.dump(prepare(), sys.stdout)
