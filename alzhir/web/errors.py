"""Error pages in the page's language and the site's frame: 400, 403, 404, 429 (rate limits;
django-axes' lockout has its own template, alzhir/locked_out.html) and 500.

A 500 is rendered without the request's context processors: the database may be what failed,
and the staff menu would ask it who is signed in."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

TITLES = {
    400: _("This address cannot be read"),
    403: _("You may not open this page"),
    404: _("Page not found"),
    429: _("Too many requests"),
    500: _("Something went wrong on our side"),
}
EXPLANATIONS = {
    400: _("Part of the address is not what this page expects. Go back, or start again from "
           "the home page."),  # fmt: skip
    403: _("This page is for staff with another role, or the form was sent from a page that is "
           "too old: reload it and try again."),  # fmt: skip
    404: _("There is no page at this address. A person's page may have moved when two records "
           "were found to be the same person: search for her name."),  # fmt: skip
    429: _("Too many requests came from your address in a short time. Please wait a little and "
           "try again."),  # fmt: skip
    500: _("The page could not be made. The error has been logged; please try again later."),
}


def page(request, status: int, message: str = "") -> HttpResponse:
    context = {"status": status, "title": TITLES[status],
               "explanation": message or EXPLANATIONS[status]}  # fmt: skip
    return render(request, "alzhir/error.html", context, status=status)


def bad_request(request, exception=None):
    return page(request, 400)


def permission_denied(request, exception=None):
    return page(request, 403)


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        from alzhir.web.api.http import error_response

        return error_response(404, "not_found", "no such address in the API")
    return page(request, 404)


def server_error(request):
    context = {"status": 500, "title": TITLES[500], "explanation": EXPLANATIONS[500]}
    return HttpResponse(render_to_string("alzhir/error.html", context), status=500)
