"""The registry's fields (the generic columns of DESIGN.md, and the memorial list's columns
read as them) named in the page's language, for staff pages that show a record's columns:
"arrest_date" is «дата ареста» on /ru/, with the column's own name kept beside it."""

from django.utils.translation import pgettext_lazy

from alzhir.ingest.profiles import GENERIC_FIELDS, MEMORIAL

FIELDS = {
    "record_id": pgettext_lazy("field", "number in the list"),
    "surname": pgettext_lazy("field", "surname"),
    "given_name": pgettext_lazy("field", "given name"),
    "patronymic": pgettext_lazy("field", "patronymic"),
    "full_name": pgettext_lazy("field", "full name"),
    "maiden_name": pgettext_lazy("field", "maiden name"),
    "sex": pgettext_lazy("field", "sex"),
    "birth_date": pgettext_lazy("field", "date of birth"),
    "birth_place": pgettext_lazy("field", "place of birth"),
    "death_date": pgettext_lazy("field", "date of death"),
    "death_place": pgettext_lazy("field", "place of death"),
    "residence": pgettext_lazy("field", "residence"),
    "nationality": pgettext_lazy("field", "nationality"),
    "arrest_date": pgettext_lazy("field", "date of arrest"),
    "charge": pgettext_lazy("field", "charge"),
    "sentence_date": pgettext_lazy("field", "date of sentence"),
    "sentencing_body": pgettext_lazy("field", "sentencing body"),
    "sentence": pgettext_lazy("field", "sentence"),
    "camp": pgettext_lazy("field", "camp"),
    "arrival_date": pgettext_lazy("field", "date of arrival in the camp"),
    "release_date": pgettext_lazy("field", "date of release"),
    "mother_name": pgettext_lazy("field", "mother's name"),
    "father_name": pgettext_lazy("field", "father's name"),
    "spouse_name": pgettext_lazy("field", "spouse's name"),
    "orphanage": pgettext_lazy("field", "orphanage"),
    "occupation": pgettext_lazy("field", "occupation"),
    "notes": pgettext_lazy("field", "notes"),
    "role": pgettext_lazy("field", "role"),
    "private": pgettext_lazy("field", "private"),
    "relatives": pgettext_lazy("field", "relatives"),
    "source": pgettext_lazy("field", "source"),
}
assert set(GENERIC_FIELDS) <= set(FIELDS), "every generic column has its words"
# The memorial list's own column names, read as the registry's fields.
COLUMNS = {column: FIELDS[field] for field, column in MEMORIAL.fields.items()}


def field_label(column: str) -> str:
    """A column's name in the page's language, or the column as the file names it."""
    label = FIELDS.get(column) or COLUMNS.get(column)
    return str(label) if label else column
