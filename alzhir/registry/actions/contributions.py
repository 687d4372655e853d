"""Relatives' contributions and their effect on the registry. A submission is kept unpublished
for the moderators; an approval never edits what a source said: it adds a record of the
contributor's source (kind "contribution") to the person, with the names, events and text the
relative gave, and undoing it takes that record away again."""

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
from alzhir.registry.actions.base import ActionError, audit, declare, reversible
from alzhir.registry.actions.imports import write_record_of_person
from alzhir.registry.actions.persons import _changed
from alzhir.registry.drafts import EventDraft, NameDraft, RecordDraft
from alzhir.registry.models import (
    AuditEntry,
    Citation,
    Event,
    Name,
    Person,
    Record,
    Source,
    SourceKind,
)

ANONYMOUS_SOURCE = "contribution: anonymous relative"
VISITOR = "visitor"
MODERATE = "contributions.moderate_contribution"

declare("submit_contribution", "", "not undone: a moderator rejects it")
declare("approve_contribution", MODERATE, "back to the queue; the record it added goes")
declare("reject_contribution", MODERATE, "back to the queue")
declare("attach_record", "registry.add_record", "the record goes, with its names and events")


def contributor_source_name(contribution: Contribution) -> str:
    """One source per contributor, named by the name they gave (anonymous ones share one)."""
    name = " ".join(contribution.contributor_name.split())
    return f"contribution: {name}" if name else ANONYMOUS_SOURCE


@transaction.atomic
def do_submit_contribution(
    contribution: Contribution, photo: CleanPhoto | None = None
) -> Contribution:
    """Keep a visitor's contribution, unpublished, for the moderators. Only the people the
    memorial remembers take contributions, on their current public page."""
    remembered = Person.objects.public().remembered().filter(pk=contribution.person_id)
    if not remembered.exists():
        raise ActionError("contributions go to the current page of a person the memorial remembers")
    if photo is None and _sent_before(contribution):
        raise DuplicateContribution("the same contribution was already sent for this person")
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


class DuplicateContribution(ActionError):
    """The same words, for the same person, are already waiting or published: a relative who
    pressed send twice, or came back to send it again, is told so instead of queued twice."""


def _normal(text: str) -> str:
    return " ".join((text or "").casefold().split())


def _sent_before(contribution: Contribution) -> bool:
    earlier = Contribution.objects.filter(
        person_id=contribution.person_id,
        kind=contribution.kind,
        subject=contribution.subject,
        status__in=[ContributionStatus.PENDING, ContributionStatus.APPROVED],
    ).values_list("text", "value")
    wanted = (_normal(contribution.text), _normal(contribution.value))
    return any((_normal(text), _normal(value)) == wanted for text, value in earlier)


def _current_person(person: Person) -> Person:
    """The person a merged-away person's records joined (the end of her merged_into chain)."""
    seen = set()
    while person.merged_into_id and person.pk not in seen:
        seen.add(person.pk)
        person = Person.objects.get(pk=person.merged_into_id)
    return person


@transaction.atomic
def do_approve_contribution(contribution: Contribution, actor: str, note: str = "") -> AuditEntry:
    """Publish a contribution as new evidence: a record of the contributor's source, attached
    to the person the relative wrote about."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.status != ContributionStatus.PENDING:
        raise ActionError(f"contribution {contribution.pk} was already {contribution.status}")
    name = contributor_source_name(contribution)
    source = Source.objects.filter(name=name).first()
    created = source is None
    if created:
        source = Source.objects.create(
            name=name,
            kind=SourceKind.CONTRIBUTION,
            citation="Sent by a relative through the memorial's website and checked by a "
            "moderator.",
        )
    # The person may have been merged since the relative wrote: the evidence goes to the whole.
    person = _current_person(contribution.person)
    record = _attach_record(person, source, _draft(contribution, person.role))
    _decide(contribution, ContributionStatus.APPROVED, actor, note, record=record)
    return audit(
        actor,
        "approve_contribution",
        "contribution",
        contribution.pk,
        old={"status": ContributionStatus.PENDING},
        new={
            "status": ContributionStatus.APPROVED,
            "record": record.pk,
            "source": source.name,
            "source_created": created,
        },
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


def _draft(contribution: Contribution, role: str) -> RecordDraft:
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
        role=role,
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


def _attach_record(person: Person, source: Source, draft: RecordDraft) -> Record:
    if person.merged_into_id:
        raise ActionError(f"person {person.pk} was merged into {person.merged_into_id}")
    if Record.objects.filter(source=source, record_id=draft.record_id).exists():
        raise ActionError(f"{source.name} already has a record {draft.record_id}")
    record = Record.objects.get(pk=write_record_of_person(source, draft, person))
    _changed({person.pk})
    return record


@transaction.atomic
def do_attach_record(person: Person, source: Source, draft: RecordDraft, actor: str) -> Record:
    """A new record of `source`, attached straight to an existing person (for evidence about
    someone already in the registry). Nothing existing is changed but the person's face."""
    record = _attach_record(person, source, draft)
    audit(
        actor,
        "attach_record",
        "record",
        record.pk,
        new={"source": source.name, "record_id": record.record_id, "person": person.pk},
    )
    return record


@reversible("attach_record")
def _reverse_attachment(entry, undo):
    _remove_record(Record.objects.get(pk=int(entry.object_id)))


@reversible("approve_contribution")
@reversible("reject_contribution")
def _reverse_decision(entry, undo):
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
    _changed({person_id})
