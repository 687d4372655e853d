"""Staff roles as Django groups: what each may do is a set of permissions, checked per step
(each action's permission is declared with it in alzhir.registry.actions)."""

from django.contrib.auth.models import Group, Permission

ROLES = {
    "archivist": [
        "registry.review_match",
        "registry.review_relationship",
        "registry.set_privacy",
        "registry.add_source",
        "registry.add_importbatch",
        "registry.add_place",
        "registry.add_record",
        "registry.add_linkagerun",
        "registry.change_publishedfigure",
        "registry.view_record",
        "registry.view_person",
        "registry.view_source",
        "registry.view_relationship",
        "registry.view_auditentry",
    ],
    "moderator": [
        "contributions.moderate_contribution",
        "contributions.view_contribution",
        "registry.view_person",
    ],
}
# The administrator role gets every permission of these apps.
ADMINISTERED_APPS = ("registry", "contributions")
STAFF_ROLES = (*ROLES, "administrator")


def ensure_roles(**_kwargs) -> None:
    """Create or refresh the role groups (runs after every migrate; idempotent)."""
    for role, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(codes))
    admin, _ = Group.objects.get_or_create(name="administrator")
    admin.permissions.set(Permission.objects.filter(content_type__app_label__in=ADMINISTERED_APPS))


def _permissions(codes):
    wanted = [code.split(".", 1) for code in codes]
    found = Permission.objects.filter(content_type__app_label__in={a for a, _ in wanted})
    return [p for p in found if [p.content_type.app_label, p.codename] in wanted]


def role_of(user) -> str:
    """The staff role(s) of an account, comma-separated ("" for none)."""
    return ",".join(sorted(user.groups.filter(name__in=STAFF_ROLES).values_list("name", flat=True)))
