"""A small gazetteer of the places in the lists: settlements, camps, prisons, with their
names over time, and a matcher from place text as written to a gazetteer key.

Pure Python: imports nothing else from alzhir.
"""

from alzhir.places.gazetteer import (
    Place,
    PlaceMatch,
    PlaceName,
    UnknownPlace,
    all_places,
    normalize_place,
    place,
)

__all__ = [
    "Place",
    "PlaceMatch",
    "PlaceName",
    "UnknownPlace",
    "all_places",
    "normalize_place",
    "place",
]
