"""What the person page adds to alzhir.registry.queries.person_page: relatives'
contributions and the schema.org JSON-LD block."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from alzhir.contributions.queries import published_for_person

register = template.Library()

# As Django's json_script does: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def contributed_evidence(person) -> dict:
    return published_for_person(person)


@register.simple_tag(takes_context=True)
def person_jsonld_script(context, person) -> str:
    from alzhir.opendata.jsonld import person_jsonld

    request = context["request"]
    # the page's own context is the person_page the JSON-LD needs: not built a second time
    data = person_jsonld(
        person, base_url=request.build_absolute_uri("/").rstrip("/"), page=context.flatten()
    )
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        request.csp_nonce,
        mark_safe(text),
    )
