"""Search: name-key index, query parsing, ranking with reasons, full-text.

Public API (import from the modules, as this package is also a Django app):
alzhir.search.engine.search(query, limit=, filters=Filters(...)) -> SearchResponse;
alzhir.search.index.rebuild_index(), index_persons(ids), deferred_indexing();
alzhir.search.cli.run(argv).
"""
