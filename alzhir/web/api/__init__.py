"""The JSON API: public reads (search, persons, sources, events, stats) and token-based staff
writes, on django-ninja: the OpenAPI document is generated from views.py and schemas.py."""
