"""The one visibility rule: what the public may see of the registry.

Privacy belongs to records: a record is private when it is a living person's or its source's
terms withhold it, and everything else the public sees is computed from public records.

- A record is public unless it is private.
- A person exists publicly while she is current (not merged away) and holds a public record;
  her denormalised face (whether she holds one, name, birth year, sex, role) is computed from
  her records alone, public ones only, by alzhir.registry.actions in the transaction that
  moves records or changes their privacy (tests check it against the records after every step).
- A name, an event, a citation is public with its record (a citation of a link, with the link).
- A family link is public when its source does not withhold it, no archivist rejected it, and
  both its persons are public.
- A relative a record names but the registry has no record of is public with that record.
- A merged-away person's old address redirects while a record she gave up is public.
- A contribution is public once approved, with the record its approval made.

Every public page, API endpoint and export reads registry models through `.public()`:
tests/registry/test_visibility.py fails when one reads around it, and no module outside the
writers spells out a privacy flag.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q


def _model(name: str):
    return apps.get_model("registry", name)


def _memorial_roles():
    from alzhir.registry.models import MEMORIAL_ROLES

    return MEMORIAL_ROLES


class RecordQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_private=False)

    def remembered(self):
        """Records whose source names the person as one the memorial remembers."""
        return self.filter(role__in=_memorial_roles())


class PersonQuerySet(models.QuerySet):
    def public(self):
        return self.filter(merged_into=None, has_public_records=True)

    def remembered(self):
        """Persons whose records conclude they are repressed or a child of the camp: the Wall,
        memorial statistics and contributions are theirs (alzhir.registry.summary)."""
        return self.filter(role__in=_memorial_roles())


class NameQuerySet(models.QuerySet):
    def public(self):
        return self.filter(record__is_private=False)


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(record__is_private=False)


class RelationshipQuerySet(models.QuerySet):
    def public(self):
        persons = _model("Person").objects.public()
        return self.filter(is_private=False, a__in=persons, b__in=persons).exclude(
            status="rejected"
        )


class NamedRelativeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(record__is_private=False)


class CitationQuerySet(models.QuerySet):
    def public(self):
        """Citations of public facts. Each fact is looked up by its key (a correlated EXISTS),
        so a page citing a few facts costs a few index probes, not a scan of every record."""
        facts = Q()
        for name in ("Record", "Name", "Event", "Relationship"):
            model = _model(name)
            fact = model.objects.public().filter(pk=OuterRef("object_id"))
            facts |= Q(content_type=ContentType.objects.get_for_model(model)) & Q(Exists(fact))
        return self.filter(facts)


class ContributionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status="approved", record__is_private=False)


def redirect_target(person_id: int) -> int | None:
    """Where a merged-away person's old address leads: the person now holding the first of the
    records she gave up that is public, or nowhere (a person never public stays unknown)."""
    given_up = (
        _model("Person")
        .objects.filter(pk=person_id)
        .exclude(merged_into=None)
        .values_list("merged_records", flat=True)
        .first()
    )
    if not given_up:
        return None
    return (
        _model("Record")
        .objects.public()
        .filter(pk__in=given_up)
        .order_by("pk")
        .values_list("person", flat=True)
        .first()
    )


def redirecting_persons() -> set[int]:
    """Every merged-away person whose old address redirects (redirect_target is not None), read
    at once for a whole registry (a public archive keeps them)."""
    public = set(_model("Record").objects.public().values_list("pk", flat=True))
    merged = _model("Person").objects.exclude(merged_into=None)
    return {
        pk
        for pk, given_up in merged.values_list("pk", "merged_records").iterator(chunk_size=20_000)
        if any(record in public for record in given_up or ())
    }


def is_public_draft(draft) -> bool:
    """Whether a record an import parsed is public once written, as RecordQuerySet.public()
    would find it: for data derived in the import's own pass (alzhir.search.index)."""
    return not draft.is_private
