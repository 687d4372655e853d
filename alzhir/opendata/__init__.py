"""Open data: the whole registry as a Frictionless Data Package, GEDCOM 7, schema.org JSON-LD,
and consistent backups of the live database."""
