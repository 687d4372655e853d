"""The JSON API: public reads (search, persons, sources, events, stats) and token-based staff
writes, described by the OpenAPI document that openapi.py builds."""
