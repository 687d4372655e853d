"""Public pages. Views stay thin: queries live in alzhir.registry.queries."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alzhir.registry import queries
from alzhir.registry.visibility import redirect_target
from alzhir.web import errors, person_page


def _cursor(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def wall(request):
    letter = request.GET.get("letter", "")
    if letter and not (len(letter) == 1 and letter.isalpha()):
        return errors.page(request, 400, _("The Wall is read by one letter."))
    page = queries.wall_page(
        letter,
        after=_cursor(request.GET.get("after")),
        before=_cursor(request.GET.get("before")),
        size=settings.WALL_PAGE_SIZE,
    )
    return render(
        request,
        "alzhir/wall.html",
        {**page, "letter": letter, "letters": queries.WALL_LETTERS},
    )


def person_detail(request, person_id: int):
    person = queries.public_person(person_id)
    if person is None:
        target = redirect_target(person_id)
        if target is None:
            raise Http404("No such person in the public registry")
        # 302, not 301: a merge can be undone.
        return redirect("person", person_id=target, permanent=False)
    page = queries.person_page(person)
    return render(request, "alzhir/person.html", page | person_page.compose(page))
