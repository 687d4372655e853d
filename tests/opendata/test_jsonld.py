"""schema.org Person JSON-LD for the public pages."""

import json

from alzhir.opendata.jsonld import person_jsonld
from alzhir.registry.models import Person


def _person(surname, given):
    return Person.objects.get(
        records__names__surname=surname,
        records__names__given_name=given,
        records__names__type="birth",
    )


def test_a_mother_with_her_children_spouse_and_names(demo):
    rachel = _person("Мессерер", "Рахиль")
    data = json.loads(json.dumps(person_jsonld(rachel, base_url="https://alzhir.example")))
    assert data["@type"] == "Person" and data["@context"] == "https://schema.org"
    assert data["gender"] == "https://schema.org/Female"
    assert "Rachel Messerer" in data["alternateName"]
    children = {c["name"] for c in data["children"]}
    assert any("Майя" in name for name in children), children
    assert len(data["spouse"]) == 1
    assert all(c["@id"].startswith("https://alzhir.example/persons/") for c in data["children"])


def test_private_relatives_are_not_named(demo):
    # A person none of whose records is public: Azari, whose mother's page names her children.
    private = set(Person.objects.exclude(records__is_private=False).values_list("pk", flat=True))
    assert private
    for person in Person.objects.public():
        data = person_jsonld(person)
        linked = [
            r["@id"] for k in ("parent", "children", "spouse", "sibling") for r in data.get(k, [])
        ]
        assert not {f"/persons/{pk}/" for pk in private} & set(linked)
