"""The archivists' review queue: one pair at a time, both records side by side, the model's
reasons in words, and a decision that can be undone; and the one undo for every kind of change,
allowed to whoever may make that kind of change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alzhir.registry import actions
from alzhir.registry.models import AuditEntry, MatchProposal, Record, Relationship

REVIEW = actions.permission_of("decide_match")
REVIEW_FAMILY = actions.permission_of("decide_relationship")


def _queue():
    return MatchProposal.objects.filter(status="proposed").order_by("deferred", "-score", "pk")


@login_required
@permission_required(REVIEW, raise_exception=True)
def review_queue(request):
    proposals = _queue().select_related("record_a__source", "record_b__source")[:200]
    return render(request, "alzhir/staff/review_queue.html", {"proposals": proposals})


@login_required
@permission_required(REVIEW, raise_exception=True)
def review_pair(request, proposal_id: int):
    proposal = get_object_or_404(
        MatchProposal.objects.select_related("record_a__source", "record_b__source"),
        pk=proposal_id,
    )
    sides = [proposal.record_a, proposal.record_b]
    columns = sorted({key for record in sides for key in record.original})
    rows = [(c, [str(r.original.get(c, "")) for r in sides]) for c in columns]
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
        _("Pair %(pk)s: %(verdict)s.") % {"pk": proposal.pk, "verdict": verdict},
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
            _("Link %(pk)s: %(verdict)s.") % {"pk": link.pk, "verdict": verdict},
            extra_tags=f"undo:{entry.pk}",
        )
    return redirect("staff-family")


urlpatterns = [
    path("review/", review_queue, name="staff-review"),
    path("review/<int:proposal_id>", review_pair, name="staff-review-pair"),
    path("review/<int:proposal_id>/decide", decide, name="staff-review-decide"),
    path("family/", family_queue, name="staff-family"),
    path("family/<int:relationship_id>/decide", decide_family, name="staff-family-decide"),
    path("undo/<int:entry_id>", undo, name="staff-undo"),
]
