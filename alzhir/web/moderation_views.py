"""Staff pages of this part: the moderators' queue of contributions (approve, reject) and an
archivist's privacy switches, per record and for all of a person's records at once. Undo is
alzhir.web.staff_views.undo, for every kind of change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alzhir.contributions import queries as contribution_queries
from alzhir.contributions.models import Contribution
from alzhir.registry import actions
from alzhir.registry.models import AuditEntry, Person, Record

MODERATE = actions.permission_of("approve_contribution")
SET_PRIVACY = actions.permission_of("set_person_privacy")

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
    except actions.ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"pk": contribution.pk}, extra_tags=f"undo:{entry.pk}")
    return redirect("staff-moderation")


@login_required
@permission_required(SET_PRIVACY, raise_exception=True)
def privacy(request, person_id: int):
    """A person's records, each public or private, with a switch for each and for all."""
    person = get_object_or_404(Person, pk=person_id)
    records = list(
        Record.objects.filter(person=person)
        .select_related("source")
        .prefetch_related("names")
        .order_by("source__name", "pk")
    )
    if request.method == "POST":
        _switch(request, person, records)
        return redirect("staff-privacy", person_id=person.pk)
    history = AuditEntry.objects.filter(
        Q(action="set_person_privacy", object_id=str(person.pk))
        | Q(action="set_records_privacy", object_id__in=[str(r.pk) for r in records])
    )[:20]
    return render(
        request,
        "alzhir/staff/privacy.html",
        {
            "person": person,
            "records": records,
            "public": any(not r.is_private for r in records),
            "history": history,
        },
    )


def _switch(request, person, records):
    wanted = request.POST.get("is_private") == "1"
    reason = request.POST.get("reason", "").strip()
    actor = request.user.get_username()
    chosen = [r for r in records if str(r.pk) == request.POST.get("record")]
    try:
        if chosen:
            entry = actions.do_set_records_privacy(chosen, wanted, actor, reason)
        else:
            entry = actions.do_set_person_privacy(person, wanted, actor, reason)
    except actions.ActionError as error:
        messages.error(request, str(error))
        return
    if chosen:
        text = _("The record is now private.") if wanted else _("The record is now public.")
    else:
        text = _("The person is now private.") if wanted else _("The person is now public.")
    messages.success(request, text, extra_tags=f"undo:{entry.pk}")


urlpatterns = [
    path("moderation/", queue, name="staff-moderation"),
    path("moderation/<int:contribution_id>/decide", decide, name="staff-moderation-decide"),
    path("persons/<int:person_id>/privacy", privacy, name="staff-privacy"),
]
