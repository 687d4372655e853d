"""Requests no page can answer, refused before any view runs: query parameters holding NUL,
which neither PostgreSQL nor a page has a use for (PostgreSQL refuses them with an error that
became a 500). Hand-written: no library covers it, and it is one check."""

from django.utils.translation import gettext as _


def refuse_nul_parameters(get_response):
    def middleware(request):
        if any("\x00" in value for _name, values in request.GET.lists() for value in values):
            if request.path.startswith("/api/"):
                from alzhir.web.api.http import error_response

                return error_response(400, "invalid_parameter", "parameters may not hold NUL")
            from alzhir.web.errors import page

            return page(request, 400, _("A parameter of this address holds a NUL character."))
        return get_response(request)

    return middleware
