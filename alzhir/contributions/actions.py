"""Named actions for contributions and person privacy. Like alzhir.registry.actions, each one
validates, writes, and writes its AuditEntry in the same transaction; each registers how it is
reversed, so alzhir.registry.actions.do_undo undoes them like any other change.

An approval never edits what a source said: it adds a record of the contributor's source
(kind "contribution") to the person, with the names, events and text the relative gave."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from alzhir.contributions.models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    CorrectionSubject,
)
from alzhir.contributions.photos import CleanPhoto
from alzhir.dates import DateParseError, parse_date
from alzhir.names import parse_name
from alzhir.registry import queries
from alzhir.registry.actions import (
    ActionError,
    audit,
    get_or_create_source,
    refresh_persons,
    reversible,
    write_record_of_person,
)
from alzhir.registry.drafts import EventDraft, NameDraft, RecordDraft
from alzhir.registry.models import (
    AuditEntry,
    Citation,
    Event,
    Name,
    Person,
    Record,
    SourceKind,
)
from alzhir.registry.signals import persons_changed

ANONYMOUS_SOURCE = "contribution: anonymous relative"
VISITOR = "visitor"


def contributor_source_name(contribution: Contribution) -> str:
    """One source per contributor, named by the name they gave (anonymous ones share one)."""
    name = " ".join(contribution.contributor_name.split())
    return f"contribution: {name}" if name else ANONYMOUS_SOURCE


@transaction.atomic
def do_submit_contribution(
    contribution: Contribution, photo: CleanPhoto | None = None
) -> Contribution:
    """Keep a visitor's contribution, unpublished, for the moderators."""
    if contribution.person.is_private or contribution.person.merged_into_id:
        raise ActionError("contributions go to a public person's current page")
    contribution.status = ContributionStatus.PENDING
    if photo is not None:
        contribution.photo.save(f"photo.{photo.extension}", ContentFile(photo.content), save=False)
    contribution.save()
    audit(
        VISITOR,
        "submit_contribution",
        "contribution",
        contribution.pk,
        new={"kind": contribution.kind, "person": contribution.person_id},
    )
    return contribution


@transaction.atomic
def do_approve_contribution(contribution: Contribution, actor: str, note: str = "") -> AuditEntry:
    """Publish a contribution as new evidence: a record of the contributor's source, attached
    to the person the relative wrote about."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.status != ContributionStatus.PENDING:
        raise ActionError(f"contribution {contribution.pk} was already {contribution.status}")
    source = get_or_create_source(
        contributor_source_name(contribution),
        actor,
        kind=SourceKind.CONTRIBUTION,
        citation="Sent by a relative through the memorial's website and checked by a moderator.",
    )
    # The person may have been merged since the relative wrote: the evidence goes to the whole.
    person = Person.objects.get(pk=queries.final_person_id(contribution.person))
    record = do_attach_record(
        person,
        source,
        _draft(contribution),
        actor,
    )
    _decide(contribution, ContributionStatus.APPROVED, actor, note, record=record)
    return audit(
        actor,
        "approve_contribution",
        "contribution",
        contribution.pk,
        old={"status": ContributionStatus.PENDING},
        new={"status": ContributionStatus.APPROVED, "record": record.pk, "source": source.name},
        reason=note,
    )


@transaction.atomic
def do_reject_contribution(contribution: Contribution, actor: str, note: str = "") -> AuditEntry:
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.status != ContributionStatus.PENDING:
        raise ActionError(f"contribution {contribution.pk} was already {contribution.status}")
    _decide(contribution, ContributionStatus.REJECTED, actor, note)
    return audit(
        actor,
        "reject_contribution",
        "contribution",
        contribution.pk,
        old={"status": ContributionStatus.PENDING},
        new={"status": ContributionStatus.REJECTED},
        reason=note,
    )


def _decide(contribution, status, actor, note, record=None):
    contribution.status = status
    contribution.decided_by, contribution.decided_at = actor, timezone.now()
    contribution.moderator_note = note
    contribution.record = record
    contribution.save(
        update_fields=["status", "decided_by", "decided_at", "moderator_note", "record"]
    )


def _draft(contribution: Contribution) -> RecordDraft:
    """The contribution as a record: a corrected name becomes a name of the record, a
    corrected birth or death date an event; memories and captions stay in its text."""
    locator = f"contribution {contribution.pk}, {contribution.submitted_at:%Y-%m-%d}"
    original = {
        "kind": contribution.kind,
        "contributor": contribution.contributor_name,
        "relation": contribution.relation,
        "subject": contribution.subject,
        "value": contribution.value,
        "text": contribution.text,
        "photo": contribution.photo.name if contribution.photo else "",
    }
    draft = RecordDraft(
        record_id=str(contribution.pk),
        original=original,
        fields={"contribution": contribution.pk, "kind": contribution.kind},
        locator=locator,
    )
    if contribution.kind != ContributionKind.CORRECTION:
        return draft
    value = contribution.value.strip()
    if contribution.subject == CorrectionSubject.NAME and value:
        parts = parse_name(value)[0]
        draft.names.append(
            NameDraft(
                value,
                parts.surname,
                parts.given,
                parts.patronymic,
                lang=f"und-{parts.script}" if parts.script in ("Cyrl", "Latn") else "",
                locator=locator,
            )
        )
    elif contribution.subject in (CorrectionSubject.BIRTH, CorrectionSubject.DEATH) and value:
        draft.events.append(_dated_event(contribution.subject, value, contribution.text, locator))
    return draft


def _dated_event(event_type: str, value: str, text: str, locator: str) -> EventDraft:
    try:
        date = parse_date(value)
    except DateParseError:
        date = None
    return EventDraft.dated(event_type, date, date_text=value, text=text, locator=locator)


@transaction.atomic
def do_attach_record(person: Person, source, draft: RecordDraft, actor: str) -> Record:
    """A new record of `source`, attached straight to an existing person (for evidence about
    someone already in the registry, such as a relative's contribution). Nothing existing is
    changed but the person's denormalised summary."""
    if person.merged_into_id:
        raise ActionError(f"person {person.pk} was merged into {person.merged_into_id}")
    if Record.objects.filter(source=source, record_id=draft.record_id).exists():
        raise ActionError(f"{source.name} already has a record {draft.record_id}")
    record = Record.objects.get(pk=write_record_of_person(source, draft, person))
    refresh_persons({person.pk})
    persons_changed.send(sender=Person, person_ids={person.pk})
    audit(
        actor,
        "attach_record",
        "record",
        record.pk,
        new={"source": source.name, "record_id": record.record_id, "person": person.pk},
    )
    return record


@transaction.atomic
def do_set_person_privacy(person: Person, is_private: bool, actor: str, reason: str = ""):
    """Hide a person (and so every fact about them) from the public site, or publish them
    again, e.g. a living person's details once they have consented."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_private == is_private:
        raise ActionError(f"person {person.pk} is already {'private' if is_private else 'public'}")
    Person.objects.filter(pk=person.pk).update(is_private=is_private)
    persons_changed.send(sender=Person, person_ids={person.pk})
    return audit(
        actor,
        "set_person_privacy",
        "person",
        person.pk,
        old={"is_private": not is_private},
        new={"is_private": is_private},
        reason=reason,
    )


@reversible("set_person_privacy")
def _reverse_privacy(entry, actor, reason):
    person_id = int(entry.object_id)
    if Person.objects.get(pk=person_id).is_private != entry.new["is_private"]:
        raise ActionError(f"person {person_id}'s privacy has changed since; undo that first")
    Person.objects.filter(pk=person_id).update(is_private=entry.old["is_private"])
    persons_changed.send(sender=Person, person_ids={person_id})


@reversible("approve_contribution")
@reversible("reject_contribution")
def _reverse_decision(entry, actor, reason):
    """Back to the queue; an approval's record goes, with its names, events and citations."""
    contribution = Contribution.objects.select_for_update().get(pk=int(entry.object_id))
    if contribution.status != entry.new["status"]:
        raise ActionError(f"contribution {contribution.pk} has changed since; undo that first")
    if contribution.status == ContributionStatus.APPROVED and contribution.record_id:
        _remove_record(contribution.record)
    contribution.status = ContributionStatus.PENDING
    contribution.decided_by, contribution.decided_at = "", None
    contribution.record = None
    contribution.save(update_fields=["status", "decided_by", "decided_at", "record"])


def _remove_record(record: Record) -> None:
    person_id = record.person_id
    if not Record.objects.filter(person_id=person_id).exclude(pk=record.pk).exists():
        raise ActionError(
            f"record {record} is a person of its own now; merge it back before undoing"
        )
    facts = [(Record, [record.pk]), (Name, list(record.names.values_list("pk", flat=True))),
             (Event, list(record.events.values_list("pk", flat=True)))]  # fmt: skip
    for model, ids in facts:
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=ids
        ).delete()
    record.delete()
    refresh_persons({person_id})
    persons_changed.send(sender=Person, person_ids={person_id})
