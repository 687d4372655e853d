"""Public pages. Views stay thin: queries live in alzhir.registry.queries."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from alzhir.registry import queries


def wall(request):
    letter = request.GET.get("letter", "")
    persons = queries.wall_persons(letter)
    paginator = Paginator(persons, settings.WALL_PAGE_SIZE)
    paginator.count = queries.wall_count(letter, persons)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "alzhir/wall.html",
        {"page": page, "letter": letter, "letters": queries.WALL_LETTERS},
    )


def person_detail(request, person_id: int):
    person = queries.public_person(person_id)
    if person is None:
        raise Http404("No such person in the public registry")
    if person.merged_into_id:
        return redirect("person", person_id=queries.final_person_id(person), permanent=False)
    return render(request, "alzhir/person.html", queries.person_page(person))
