"""Staff accounts: made, given a role, disabled and enabled by named actions (`alzhir staff`),
each audited, so no one reaches the staff pages through a side door such as createsuperuser.
A role is one of the groups of alzhir.registry.roles; passwords never enter the audit log."""

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import get_password_validators, validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from alzhir.registry.actions.base import ActionError, audit, declare, reversible
from alzhir.registry.roles import STAFF_ROLES, role_of

# Staff passwords guard unpublished records of living people: checked here whatever the site's
# settings say.
STAFF_PASSWORDS = get_password_validators([
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
])  # fmt: skip

declare("create_staff_account", "auth.add_user", "not undone: disable the account instead")
declare("set_staff_role", "auth.change_user", "the account gets its old role back")
declare("set_staff_active", "auth.change_user", "the account is enabled or disabled again")
declare("set_staff_password", "auth.change_user", "not undone: set another password")


def _role_group(role: str) -> Group:
    if role not in STAFF_ROLES:
        raise ActionError(f"unknown role {role!r}: use {', '.join(STAFF_ROLES)}")
    group = Group.objects.filter(name=role).first()
    if group is None:
        raise ActionError("the staff roles do not exist yet: run `alzhir migrate` first")
    return group


def _checked_password(password: str, user: User | None = None) -> str:
    try:
        validate_password(password, user, password_validators=STAFF_PASSWORDS)
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from None
    return password


@transaction.atomic
def do_create_staff_account(username: str, role: str, password: str, actor: str) -> User:
    username = username.strip()
    if not username:
        raise ActionError("give the account a username")
    if User.objects.filter(username=username).exists():
        raise ActionError(f"there is already an account {username!r}")
    group = _role_group(role)
    user = User(username=username, is_staff=True)
    user.set_password(_checked_password(password, user))
    user.save()
    user.groups.add(group)
    audit(actor, "create_staff_account", "user", user.pk, new={"username": username, "role": role})
    return user


@transaction.atomic
def do_set_staff_role(user: User, role: str, actor: str):
    group = _role_group(role)
    old = role_of(user)
    if old == role:
        raise ActionError(f"{user.username} is already {role}")
    user.groups.remove(*Group.objects.filter(name__in=STAFF_ROLES))
    user.groups.add(group)
    return audit(actor, "set_staff_role", "user", user.pk, old={"role": old}, new={"role": role})


@reversible("set_staff_role")
def _reverse_role(entry, undo):
    user = User.objects.get(pk=int(entry.object_id))
    if role_of(user) != entry.new["role"]:
        raise ActionError(f"{user.username}'s role has changed since; undo that first")
    user.groups.remove(*Group.objects.filter(name__in=STAFF_ROLES))
    user.groups.add(*Group.objects.filter(name__in=entry.old["role"].split(",")))


@transaction.atomic
def do_set_staff_active(user: User, active: bool, actor: str):
    if user.is_active == active:
        raise ActionError(f"{user.username} is already {'enabled' if active else 'disabled'}")
    User.objects.filter(pk=user.pk).update(is_active=active)
    return audit(actor, "set_staff_active", "user", user.pk, old={"active": not active},
                 new={"active": active})  # fmt: skip


@reversible("set_staff_active")
def _reverse_active(entry, undo):
    User.objects.filter(pk=int(entry.object_id)).update(is_active=entry.old["active"])


@transaction.atomic
def do_set_staff_password(user: User, password: str, actor: str):
    user.set_password(_checked_password(password, user))
    user.save(update_fields=["password"])
    return audit(actor, "set_staff_password", "user", user.pk)
