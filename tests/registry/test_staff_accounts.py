"""Staff accounts are made with `alzhir staff` (audited), never with createsuperuser: the
command as the README writes it, run as a subprocess; roles, disabling and passwords too."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from alzhir.cli import main
from alzhir.registry.models import AuditEntry
from alzhir.registry.roles import role_of

pytestmark = pytest.mark.django_db
ALZHIR = Path(sys.executable).with_name("alzhir")
PASSWORD = "steppe-wind-1938"


def test_the_readme_command_makes_an_archivist_who_can_sign_in(tmp_path):
    env = os.environ | {"ALZHIR_DATABASE_URL": f"sqlite:///{tmp_path / 'staff.sqlite3'}"}

    def alzhir(*args, stdin=""):
        return subprocess.run([str(ALZHIR), *args], input=stdin, env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)  # fmt: skip

    assert alzhir("migrate", "-v", "0").returncode == 0
    made = alzhir("staff", "create", "anna", "--role", "archivist", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    listed = alzhir("staff", "list")
    assert "anna\tarchivist" in listed.stdout
    again = alzhir("staff", "create", "anna", "--role", "moderator", stdin=PASSWORD + "\n")
    assert again.returncode == 1 and "already an account 'anna'" in again.stderr
    weak = alzhir("staff", "create", "boris", "--role", "moderator", stdin="1938\n")
    assert weak.returncode == 1 and "12" in weak.stderr  # at least 12 characters
    assert "Traceback" not in weak.stderr + again.stderr


def signs_in(client, username: str, password: str) -> bool:
    """Through the sign-in form, as staff do (and as the login throttling sees them)."""
    answer = client.post("/en/accounts/login/", {"username": username, "password": password})
    return answer.status_code == 302


def test_roles_disabling_and_passwords_are_audited_actions(client, capsys):
    sys_stdin = sys.stdin
    try:
        sys.stdin = _Lines(PASSWORD)
        assert main(["staff", "--actor", "admin", "create", "vera", "--role", "moderator"]) == 0
    finally:
        sys.stdin = sys_stdin
    vera = User.objects.get(username="vera")
    assert vera.is_staff and role_of(vera) == "moderator" and vera.check_password(PASSWORD)
    assert signs_in(client, "vera", PASSWORD)
    assert client.get("/en/staff/moderation/").status_code == 200
    assert main(["staff", "--actor", "admin", "role", "vera", "archivist"]) == 0
    assert client.get("/en/staff/review/").status_code == 200
    assert main(["staff", "--actor", "admin", "disable", "vera"]) == 0
    client.logout()
    assert not signs_in(client, "vera", PASSWORD)
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "actor", "new"))
    assert [a for a, _, _ in entries] == [
        "create_staff_account", "set_staff_role", "set_staff_active",
    ]  # fmt: skip
    assert all(actor == "admin" for _, actor, _ in entries)
    assert PASSWORD not in str(entries)
    assert main(["staff", "role", "nobody", "archivist"]) == 1


class _Lines:
    """A non-terminal standard input holding one line."""

    def __init__(self, line):
        self.line = line + "\n"

    def isatty(self):
        return False

    def readline(self):
        return self.line
