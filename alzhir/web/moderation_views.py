"""Staff pages of this part: the moderators' queue of contributions (approve, reject, undo)
and an archivist's privacy switch for a person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alzhir.contributions import actions
from alzhir.contributions import queries as contribution_queries
from alzhir.contributions.models import Contribution
from alzhir.registry.actions import ActionError, do_undo
from alzhir.registry.models import AuditEntry, Person

MODERATE = "contributions.moderate_contribution"
CHANGE_PRIVACY = "registry.change_person"
# Who may undo which of this module's changes.
UNDO_PERMISSION = {
    "approve_contribution": MODERATE,
    "reject_contribution": MODERATE,
    "set_person_privacy": CHANGE_PRIVACY,
}


DECISIONS = {
    "approve": (
        actions.do_approve_contribution,
        gettext_lazy("Contribution %(pk)s approved: it is now public."),
    ),
    "reject": (actions.do_reject_contribution, gettext_lazy("Contribution %(pk)s rejected.")),
}


@login_required
@permission_required(MODERATE, raise_exception=True)
def queue(request):
    return render(
        request,
        "alzhir/staff/moderation.html",
        {
            "pending": contribution_queries.pending_queue()[:100],
            "decisions": contribution_queries.recent_decisions(),
        },
    )


@require_POST
@login_required
@permission_required(MODERATE, raise_exception=True)
def decide(request, contribution_id: int):
    contribution = get_object_or_404(Contribution, pk=contribution_id)
    verdict = request.POST.get("verdict", "")
    if verdict not in DECISIONS:
        messages.error(request, _("Choose approve or reject."))
        return redirect("staff-moderation")
    action, done = DECISIONS[verdict]
    note = request.POST.get("note", "").strip()
    try:
        entry = action(contribution, request.user.get_username(), note)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"pk": contribution.pk}, extra_tags=f"undo:{entry.pk}")
    return redirect("staff-moderation")


@require_POST
@login_required
def undo(request, entry_id: int):
    entry = get_object_or_404(AuditEntry, pk=entry_id, action__in=UNDO_PERMISSION)
    if not request.user.has_perm(UNDO_PERMISSION[entry.action]):
        raise PermissionDenied
    try:
        do_undo(entry, request.user.get_username())
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Change %(pk)s undone.") % {"pk": entry.pk})
    if entry.action == "set_person_privacy":
        return redirect("staff-privacy", person_id=int(entry.object_id))
    return redirect("staff-moderation")


@login_required
@permission_required(CHANGE_PRIVACY, raise_exception=True)
def privacy(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    if request.method == "POST":
        wanted = request.POST.get("is_private") == "1"
        reason = request.POST.get("reason", "").strip()
        try:
            entry = actions.do_set_person_privacy(
                person, wanted, request.user.get_username(), reason
            )
        except ActionError as error:
            messages.error(request, str(error))
        else:
            text = _("The person is now private.") if wanted else _("The person is now public.")
            messages.success(request, text, extra_tags=f"undo:{entry.pk}")
        return redirect("staff-privacy", person_id=person.pk)
    history = AuditEntry.objects.filter(
        action="set_person_privacy", object_type="person", object_id=str(person.pk)
    )[:20]
    return render(request, "alzhir/staff/privacy.html", {"person": person, "history": history})


urlpatterns = [
    path("moderation/", queue, name="staff-moderation"),
    path("moderation/<int:contribution_id>/decide", decide, name="staff-moderation-decide"),
    path("moderation/undo/<int:entry_id>", undo, name="staff-moderation-undo"),
    path("persons/<int:person_id>/privacy", privacy, name="staff-privacy"),
]
