"""The registry's tables as Frictionless Table Schemas, read from Django's model _meta, and the
codecs that turn a column's values into CSV text and back.

Walking _meta rather than listing tables means a field or table added to an archived app is
archived without a change here. Table Schema has no notion of composite unique constraints or
natural keys, so those travel in `x-alzhir-*` properties (custom properties are allowed).
"""

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

# Apps whose rows are the registry's facts and decisions. Apps missing from both lists make
# tests/opendata fail, so a new app is never silently left out of the archive.
ARCHIVED_APPS = ("registry", "contributions")
# Archived apps whose every row is private: relatives' submissions as sent, with their e-mail
# addresses and unpublished text. What a moderator approved is already registry evidence (a
# record of the contributor's source), so a public archive loses nothing by leaving these out.
PRIVATE_APPS = ("contributions",)
# Apps whose tables are rebuilt from the registry (search keys, cached statistics) or belong
# to Django itself; an archive restore rebuilds them through the persons_changed signal.
# "api" holds staff API tokens: credentials, which never leave the server.
DERIVED_APPS = ("search", "stats", "web", "api")

INTEGER_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
# A FileField is archived as its stored path; the files themselves travel beside the package.
STRING_TYPES = {"CharField", "TextField", "SlugField", "URLField", "EmailField", "UUIDField",
                "FileField"}  # fmt: skip
SIMPLE_TYPES = {
    "BooleanField": "boolean",
    "FloatField": "number",
    "DecimalField": "number",
    "DateField": "date",
    "DateTimeField": "datetime",
}


class CellError(ValueError):
    """A cell that does not hold a value of its column's type."""


def resource_name(model) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


def archived_models() -> list:
    """Every concrete model of the archived apps, each after the models it points to."""
    pending = [
        m
        for label in ARCHIVED_APPS
        for m in apps.get_app_config(label).get_models()
        if not m._meta.proxy
    ]
    ordered: list = []
    while pending:
        # The first ready model in definition order, so the package reads in a natural order.
        ready = next(
            (
                m
                for m in pending
                if all(t in ordered or t is m or not is_archived(t) for t in _targets(m))
            ),
            None,
        )
        if ready is None:
            raise RuntimeError(f"foreign keys form a cycle among {pending}")
        ordered.append(ready)
        pending.remove(ready)
    return ordered


def _targets(model):
    return [f.related_model for f in model._meta.concrete_fields if f.is_relation]


def is_archived(model) -> bool:
    return model._meta.app_label in ARCHIVED_APPS


@dataclass
class Column:
    """One model field as one CSV column: its Table Schema and how to write and read it."""

    field: models.Field
    name: str
    type: str
    encode: object
    decode: object
    # A foreign key to a table outside the archive is written as that row's natural key.
    natural_key_model: object = None

    @property
    def is_pk(self) -> bool:
        return self.field.primary_key

    @property
    def reference(self):
        """The archived model this column points to, if any."""
        field = self.field
        if field.is_relation and self.natural_key_model is None:
            return field.related_model
        return None

    def descriptor(self) -> dict:
        field = self.field
        descriptor = {"name": self.name, "type": self.type}
        if self.type == "datetime":
            descriptor["format"] = "any"
        title = str(field.verbose_name)
        if title != self.name.replace("_", " "):
            descriptor["title"] = title
        if field.help_text:
            descriptor["description"] = str(field.help_text)
        if self.natural_key_model is not None:
            meta = self.natural_key_model._meta
            descriptor["description"] = f"natural key of {meta.label} (app_label.model)"
        constraints = {}
        if not field.null and (self.type != "string" or self.natural_key_model is not None):
            constraints["required"] = True
        if field.unique and not field.primary_key:
            constraints["unique"] = True
        if self.type == "string" and getattr(field, "max_length", None):
            constraints["maxLength"] = field.max_length
        if field.choices and not field.is_relation:
            constraints["enum"] = [str(value) for value, _ in field.flatchoices]
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


def columns(model) -> list[Column]:
    return [_column(f) for f in model._meta.concrete_fields]


def _column(field) -> Column:
    if field.is_relation:
        target = field.related_model
        if not is_archived(target):
            return Column(field, field.name, "string", str, _nonempty_text, target)
        target_pk = _column(target._meta.pk)
        return Column(field, field.attname, target_pk.type, target_pk.encode, target_pk.decode)
    kind = field.get_internal_type()
    if kind in INTEGER_TYPES:
        return Column(field, field.attname, "integer", str, _integer)
    if kind in STRING_TYPES:
        return Column(field, field.attname, "string", str, str)
    if kind == "JSONField":
        return Column(field, field.attname, _json_type(field), _json_text, _json_value)
    if kind in SIMPLE_TYPES:
        type_ = SIMPLE_TYPES[kind]
        codecs = {
            "boolean": (_boolean_text, _boolean),
            "number": (repr, Decimal if kind == "DecimalField" else _number),
            "date": (datetime.date.isoformat, _date),
            "datetime": (_datetime_text, _datetime),
        }
        return Column(field, field.attname, type_, *codecs[type_])
    raise TypeError(f"{field.model.__name__}.{field.name}: no archive type for {kind}")


def _json_type(field) -> str:
    default = field.default() if callable(field.default) else field.default
    return {dict: "object", list: "array"}.get(type(default), "any")


def _nonempty_text(text: str) -> str:
    if not text:
        raise CellError("empty")
    return text


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CellError(f"{text!r} is not an integer") from None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise CellError(f"{text!r} is not a number") from None


def _boolean_text(value: bool) -> str:
    return "true" if value else "false"


def _boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise CellError(f"{text!r} is not true or false")
    return text == "true"


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CellError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _datetime_text(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _datetime(text: str) -> datetime.datetime:
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise CellError(f"{text!r} is not a date and time (ISO 8601)") from None
    if value.tzinfo is None:
        raise CellError(f"{text!r} has no time zone")
    return value


def _json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_value(text: str):
    try:
        return json.loads(text)
    except ValueError as error:
        raise CellError(f"not JSON: {error}") from None


def encode(column: Column, value) -> str:
    return "" if value is None else column.encode(value)


def decode(column: Column, text: str, check_length: bool = True):
    """The Python value of a cell; an empty cell is NULL where the column allows it.

    Choices are not checked: the database does not enforce them, so a registry may hold
    values its code no longer lists, and a restore must bring them back as they were. Length
    is checked only where the target database would refuse an over-long value (`check_length`).
    """
    field = column.field
    if text == "":
        if field.null:
            return None
        if column.type == "string":
            return ""
        raise CellError("empty, but the column is required")
    value = column.decode(text)
    limit = getattr(field, "max_length", None) if column.type == "string" else None
    if check_length and limit and len(value) > limit:
        raise CellError(f"longer than {limit} characters")
    return value


# Decoders of a non-empty cell that are C functions, so that a whole column goes through `map`
# at C speed. They fail on a bad cell with a bare ValueError or KeyError; decode() then says
# why, in the words a refusal shows.
FAST_DECODERS = {
    "integer": int,
    "date": datetime.date.fromisoformat,
    "boolean": {"true": True, "false": False}.__getitem__,
    "object": json.loads,
    "array": json.loads,
    "any": json.loads,
}
FAST_ERRORS = (ValueError, LookupError, ArithmeticError)


def reader(column: Column, check_length: bool = True):
    """decode() for one column, decided once rather than per cell, and as fast as a column
    through `map` allows: it raises one of FAST_ERRORS, not always a CellError, on a bad cell."""
    field = column.field
    if column.natural_key_model is not None:
        return lambda text: decode(column, text, check_length)
    if column.type == "string":
        limit = getattr(field, "max_length", None) if check_length else None
        if not limit:
            return (lambda text: text or None) if field.null else str

        def text(value):
            if len(value) > limit:
                raise CellError(f"longer than {limit} characters")
            return (value or None) if field.null else value

        return text
    read = FAST_DECODERS.get(column.type, column.decode)
    if field.null:
        return lambda text: read(text) if text else None
    return read


def unique_sets(model) -> list[tuple[str, ...]]:
    """Column sets that must be unique together (beyond the primary key)."""
    sets = [
        tuple(model._meta.get_field(f).attname for f in c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    sets += [
        tuple(model._meta.get_field(f).attname for f in group)
        for group in model._meta.unique_together
    ]
    return sets


def generic_keys(model) -> list[tuple[str, str]]:
    """(content type column, object id column) of each generic foreign key."""
    return [
        (model._meta.get_field(f.ct_field).name, model._meta.get_field(f.fk_field).attname)
        for f in model._meta.private_fields
        if isinstance(f, GenericForeignKey)
    ]


def table_schema(model) -> dict:
    cols = columns(model)
    schema = {
        "fields": [c.descriptor() for c in cols],
        "missingValues": [""],
        "primaryKey": [model._meta.pk.attname],
    }
    foreign_keys = [
        {
            "fields": [c.name],
            "reference": {
                "resource": resource_name(c.reference),
                "fields": [c.reference._meta.pk.attname],
            },
        }
        for c in cols
        if c.reference is not None
    ]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    if unique_sets(model):
        schema["x-alzhir-unique"] = [list(s) for s in unique_sets(model)]
    if generic_keys(model):
        schema["x-alzhir-generic-keys"] = [
            {"content_type": ct, "object_id": oid} for ct, oid in generic_keys(model)
        ]
    return schema


def markdown_reference() -> str:
    """The tables section of docs/open-data.md, which a test keeps equal to this."""
    parts = []
    for model in archived_models():
        doc = (model.__doc__ or "").strip()
        summary = "" if doc.startswith(f"{model.__name__}(") else " ".join(doc.split()) + "\n\n"
        fields = ", ".join(f"`{c.name}` ({c.type})" for c in columns(model))
        parts.append(f"### {resource_name(model)}\n\n{summary}Fields: {fields}\n")
    return "\n".join(parts)
