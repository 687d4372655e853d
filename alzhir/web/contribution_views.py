"""A relative's side of contributions: the three forms on a person's page, the thanks page,
and approved photos (pending ones only for moderators)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from alzhir.contributions.forms import FORMS
from alzhir.contributions.models import Contribution, ContributionKind
from alzhir.registry.actions import do_submit_contribution, permission_of
from alzhir.registry.models import Person
from alzhir.web.ratelimit import rate_limited

MODERATE = permission_of("approve_contribution")


def _public_person_or_404(person_id):
    """Contributions are for the people the memorial remembers, on their current page."""
    person = Person.objects.public().remembered().filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person in the public registry")
    return person


@rate_limited("contribute", methods=("POST",))
def contribute(request, person_id: int, kind: str):
    if kind not in ContributionKind.values:
        raise Http404("No such kind of contribution")
    person = _public_person_or_404(person_id)
    form_class = FORMS[kind]
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        photo = getattr(form, "cleaned_image", None)
        do_submit_contribution(form.save_unsaved(person), photo)
        return redirect("contribute-thanks", person_id=person.pk)
    return render(
        request,
        "alzhir/contribute.html",
        {"person": person, "form": form, "kind": kind, "kinds": ContributionKind},
    )


def thanks(request, person_id: int):
    person = _public_person_or_404(person_id)
    return render(request, "alzhir/contribute_thanks.html", {"person": person})


def photo(request, contribution_id: int):
    photos = Contribution.objects.filter(pk=contribution_id, kind=ContributionKind.PHOTO)
    contribution = photos.public().first()
    public = contribution is not None
    if not public:
        if not request.user.has_perm(MODERATE):
            if request.user.is_authenticated:
                raise PermissionDenied
            raise Http404("No such photo")
        contribution = get_object_or_404(photos)
    response = FileResponse(contribution.photo.open("rb"))
    # Pending photos must not linger in shared caches.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


# Included under the language prefix, beside the person page.
urlpatterns = [
    path("persons/<int:person_id>/contribute/thanks", thanks, name="contribute-thanks"),
    path("persons/<int:person_id>/contribute/<slug:kind>", contribute, name="contribute"),
]
