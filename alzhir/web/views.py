"""Public pages. Views stay thin: queries live in alzhir.registry.queries."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alzhir.names.translit import detect_script, romanize
from alzhir.registry import queries
from alzhir.registry import wall as wall_queries
from alzhir.registry.visibility import redirect_target
from alzhir.web import errors, person_page
from alzhir.web.page_views import published_estimate


def _cursor(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def wall(request):
    letter = request.GET.get("letter", "")
    if letter and not (len(letter) == 1 and letter.isalpha()):
        return errors.page(request, 400, _("The Wall is read by one letter."))
    page = wall_queries.wall_page(
        letter,
        after=_cursor(request.GET.get("after")),
        before=_cursor(request.GET.get("before")),
        size=settings.WALL_PAGE_SIZE,
    )
    latin_page = get_language() == "en"
    staff = request.user.has_perm("registry.view_record")
    for person in page["persons"]:
        is_latin = detect_script(person.display_name) == "Latn"
        person.latin = "" if is_latin or not latin_page else romanize(person.display_name)
        person.artefact = staff and wall_queries.looks_like_artefact(person.display_name)
    if latin_page and letter:
        # a letter's names in the order a reader of Latin expects, on this page at least
        page["persons"].sort(key=lambda p: p.latin or p.display_name)
    scripts = [("latin", wall_queries.LATIN_LETTERS), ("cyrillic", wall_queries.CYRILLIC_LETTERS)]
    return render(
        request,
        "alzhir/wall.html",
        {
            **page,
            "letter": letter,
            "letters": scripts if latin_page else scripts[::-1],
            "in_use": wall_queries.letters_in_use(),
            "estimate": published_estimate(),
        },
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
