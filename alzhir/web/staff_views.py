"""The archivists' review queue: one pair at a time, both records side by side, the model's
reasons in words, and a decision that can be undone; and the one undo for every kind of change,
allowed to whoever may make that kind of change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from alzhir.contributions.models import Contribution
from alzhir.ingest.date_review import records_with_date_problems
from alzhir.registry import actions, wall
from alzhir.registry.models import AuditEntry, MatchProposal, Person, Record, Relationship
from alzhir.web.date_words import date_alone
from alzhir.web.field_labels import field_label

REVIEW = actions.permission_of("decide_match")
REVIEW_FAMILY = actions.permission_of("decide_relationship")
MODERATE = actions.permission_of("approve_contribution")


QUEUE_ORDERS = {
    "score": ("deferred", "-score", "pk"),
    "score-low": ("deferred", "score", "pk"),
    "name": ("deferred", "record_a__person__sort_name", "pk"),
}
VERDICTS = {
    "same": pgettext_lazy("verdict", "same"),
    "different": pgettext_lazy("verdict", "different"),
    "later": pgettext_lazy("verdict", "later"),
    "confirmed": pgettext_lazy("verdict", "confirmed"),
    "rejected": pgettext_lazy("verdict", "rejected"),
}


def _said(verdict: str) -> str:
    return str(VERDICTS.get(verdict, verdict))


def _queue(order: str = "score"):
    return MatchProposal.objects.filter(status="proposed").order_by(*QUEUE_ORDERS[order])


@login_required
def staff_home(request):
    """The queues waiting for staff, each with its count, as far as the staff member's role
    lets her work on them."""
    user = request.user
    queues = []
    if user.has_perm(REVIEW):
        queues.append((_("Duplicate review"), "staff-review", _queue().count(),
                       _("Pairs of records the linker could not decide: one person or two?")))
    if user.has_perm(REVIEW_FAMILY):
        queues.append((_("Family links to review"), "staff-family",
                       Relationship.objects.filter(status="proposed").count(),
                       _("Proposed mothers, fathers, spouses and siblings.")))
    if user.has_perm(MODERATE):
        queues.append((_("Moderation"), "staff-moderation",
                       Contribution.objects.filter(status="pending").count(),
                       _("Corrections, memories and photos sent by relatives.")))
    if user.has_perm("registry.view_record"):
        queues.append((_("Dates to review"), "staff-dates", records_with_date_problems().count(),
                       _("Dates kept as written but not fully read, or that cannot be right.")))
        queues.append((_("Names to check"), "staff-names", names_to_check().count(),
                       _("Names holding text a computer system or a copyist left behind.")))
    return render(request, "alzhir/staff/home.html", {"queues": queues})  # fmt: skip


def names_to_check():
    """Persons whose name looks like a source artefact («Store:Алещенко Палагея Трофимовна»)."""
    return Person.objects.filter(merged_into=None, display_name__regex=wall.ARTEFACT.pattern)


@login_required
@permission_required("registry.view_record", raise_exception=True)
def names_page(request):
    persons = names_to_check().order_by("sort_name", "pk")[:500]
    return render(request, "alzhir/staff/names.html", {"persons": persons})


def _side(record) -> dict:
    """What an archivist needs to tell two records apart at a glance."""
    names = list(record.names.all())
    fields = record.fields or {}
    return {
        "record": record,
        "name": names[0].full_text if names else record.record_id,
        "born": date_alone(record.birth_edtf) or fields.get("birth_date", ""),
        "place": fields.get("birth_place") or fields.get("residence", ""),
        "source": record.source.title or record.source.name,
    }


@login_required
@permission_required(REVIEW, raise_exception=True)
def review_queue(request):
    order = request.GET.get("order", "score")
    order = order if order in QUEUE_ORDERS else "score"
    proposals = list(
        _queue(order)
        .select_related("record_a__source", "record_b__source")
        .prefetch_related("record_a__names", "record_b__names")[:200]
    )
    rows = [(p, [_side(p.record_a), _side(p.record_b)]) for p in proposals]
    return render(request, "alzhir/staff/review_queue.html", {"rows": rows, "order": order})


@login_required
@permission_required(REVIEW, raise_exception=True)
def review_pair(request, proposal_id: int):
    proposal = get_object_or_404(
        MatchProposal.objects.select_related("record_a__source", "record_b__source"),
        pk=proposal_id,
    )
    sides = [proposal.record_a, proposal.record_b]
    columns = sorted({key for record in sides for key in record.original})
    rows = [
        (field_label(c), c, [str(r.original.get(c, "")) for r in sides]) for c in columns
    ]
    return render(
        request,
        "alzhir/staff/review_pair.html",
        {"proposal": proposal, "sides": sides, "rows": rows},
    )


@require_POST
@login_required
@permission_required(REVIEW, raise_exception=True)
def decide(request, proposal_id: int):
    proposal = get_object_or_404(MatchProposal, pk=proposal_id)
    verdict = request.POST.get("verdict", "")
    try:
        entry = actions.do_decide_match(proposal, verdict, request.user.get_username())
    except actions.ActionError as error:
        messages.error(request, str(error))
        return redirect("staff-review-pair", proposal_id=proposal.pk)
    messages.success(
        request,
        _("Pair %(pk)s: %(verdict)s.") % {"pk": proposal.pk, "verdict": _said(verdict)},
        extra_tags=f"undo:{entry.pk}",
    )
    following = _queue().exclude(pk=proposal.pk).first()
    if following:
        return redirect("staff-review-pair", proposal_id=following.pk)
    return redirect("staff-review")


@require_POST
@login_required
def undo(request, entry_id: int):
    """Undo a change: the staff member needs the permission of the action she undoes (an
    archivist cannot undo a moderator's approval)."""
    entry = get_object_or_404(AuditEntry, pk=entry_id)
    try:
        actions.do_undo(entry, request.user.get_username(), user=request.user)
    except actions.NotPermitted:
        raise PermissionDenied from None
    except actions.ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Change %(pk)s undone.") % {"pk": entry.pk})
    return redirect(*_after_undo(entry))


def _after_undo(entry) -> tuple:
    """The staff page the undone change was made on."""
    if entry.object_type == "match_proposal":
        return "staff-review-pair", int(entry.object_id)
    if entry.object_type == "relationship":
        return ("staff-family",)
    if entry.object_type == "contribution":
        return ("staff-moderation",)
    if entry.action == "set_person_privacy":
        return "staff-privacy", int(entry.object_id)
    if entry.action == "set_records_privacy":
        return "staff-privacy", Record.objects.get(pk=int(entry.object_id)).person_id
    return ("staff-review",)


@login_required
@permission_required(REVIEW_FAMILY, raise_exception=True)
def family_queue(request):
    links = (
        Relationship.objects.filter(status="proposed")
        .select_related("a", "b")
        .order_by("-score", "pk")[:200]
    )
    return render(request, "alzhir/staff/family_queue.html", {"links": links})


@require_POST
@login_required
@permission_required(REVIEW_FAMILY, raise_exception=True)
def decide_family(request, relationship_id: int):
    link = get_object_or_404(Relationship, pk=relationship_id)
    verdict = request.POST.get("verdict", "")
    try:
        entry = actions.do_decide_relationship(link, verdict, request.user.get_username())
    except actions.ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Link %(pk)s: %(verdict)s.") % {"pk": link.pk, "verdict": _said(verdict)},
            extra_tags=f"undo:{entry.pk}",
        )
    return redirect("staff-family")


urlpatterns = [
    path("", staff_home, name="staff-home"),
    path("names/", names_page, name="staff-names"),
    path("review/", review_queue, name="staff-review"),
    path("review/<int:proposal_id>", review_pair, name="staff-review-pair"),
    path("review/<int:proposal_id>/decide", decide, name="staff-review-decide"),
    path("family/", family_queue, name="staff-family"),
    path("family/<int:relationship_id>/decide", decide_family, name="staff-family-decide"),
    path("undo/<int:entry_id>", undo, name="staff-undo"),
]
