"""Import profiles: which column of a file holds which registry field."""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

GENERIC_FIELDS = [
    "record_id", "surname", "given_name", "patronymic", "full_name", "maiden_name", "sex",
    "birth_date", "birth_place", "death_date", "death_place", "residence", "nationality",
    "arrest_date", "charge", "sentence_date", "sentencing_body", "sentence", "camp",
    "arrival_date", "release_date", "mother_name", "father_name", "spouse_name", "relatives",
    "orphanage",
    "occupation", "notes", "role", "private",
]  # fmt: skip
# Read by their header name under any profile that does not map them (the memorial list's
# column set has none): who the record is about, whether it may be shown, who its family was.
BY_HEADER_ALWAYS = ("role", "private", "relatives")
DATE_FIELDS = {
    "birth_date", "death_date", "arrest_date", "sentence_date", "arrival_date", "release_date",
}  # fmt: skip

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


class ProfileError(ValueError):
    pass


@dataclass
class Profile:
    name: str
    fields: dict[str, str | int] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None
    header: bool = True
    # Columns named like registry fields map to themselves (the generic column set).
    map_by_header: bool = False
    # How a full name is ordered: "surname_first" (Russian lists), "given_first" or "auto"
    # (decided per name from evidence such as a patronymic or a known given name).
    name_order: str = "auto"


GENERIC = Profile("generic", map_by_header=True)
MEMORIAL = Profile(
    "memorial",
    fields={
        "full_name": "fullname_y",
        "birth_date": "bdate",
        "birth_place": "bplace",
        "sex": "sex",
        "nationality": "nationality",
        "residence": "pmj",
        "charge": "obvin",
        "sentence_date": "osujd_date",
        "sentencing_body": "osujd_org",
        "sentence": "prigovor",
    },
    name_order="surname_first",
)
BUILTIN = {"generic": GENERIC, "memorial": MEMORIAL}


def load_profile(name_or_path: str) -> Profile:
    if name_or_path in BUILTIN:
        return BUILTIN[name_or_path]
    path = Path(name_or_path)
    if not path.exists():
        raise ProfileError(f"no profile {name_or_path!r}: use generic, memorial or a .toml file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path}: {error}") from error
    fields = data.get("fields", {})
    unknown = set(fields) - set(GENERIC_FIELDS)
    if unknown:
        raise ProfileError(f"{path}: unknown fields {sorted(unknown)}; known: {GENERIC_FIELDS}")
    return Profile(
        path.stem,
        fields=fields,
        encoding=data.get("encoding"),
        delimiter=data.get("delimiter"),
        header=data.get("header", True),
        map_by_header=not fields,
        name_order=data.get("name_order", "auto"),
    )


class ColumnMap:
    """Resolves a profile against a file's header into a function from row to field values."""

    def __init__(self, profile: Profile, header: list[str] | None, file_name: str):
        self.header = header or []
        index = {h.strip(): i for i, h in enumerate(self.header)}
        mapping = dict(profile.fields)
        if profile.map_by_header:
            mapping |= {f: f for f in GENERIC_FIELDS if f in index}
        mapping |= {f: f for f in BY_HEADER_ALWAYS if f in index and f not in mapping}
        self.getters = {}
        for name, spec in mapping.items():
            self.getters[name] = self._getter(spec, index, file_name, name)
        self.columns = {name: self._column_name(spec) for name, spec in mapping.items()}
        if not any(f in mapping for f in ("surname", "given_name", "full_name")):
            raise ProfileError(
                f"{file_name}: no name column (surname, given_name or full_name) in "
                f"{self.header or 'a file without header'}"
            )

    def _column_name(self, spec) -> str:
        if isinstance(spec, int) and spec < len(self.header):
            return self.header[spec]
        return str(spec)

    def _getter(self, spec, index, file_name, field_name):
        if isinstance(spec, int):
            return lambda row: row[spec].strip() if spec < len(row) else ""
        if "{" in spec:
            parts = [
                int(p) if p.isdigit() else self._lookup(p, index, file_name, field_name)
                for p in _PLACEHOLDER.findall(spec)
            ]

            def template(row):
                values = [row[i].strip() if i < len(row) else "" for i in parts]
                if not any(values):
                    return ""
                it = iter(values)
                return _PLACEHOLDER.sub(lambda _: next(it), spec)

            return template
        i = self._lookup(spec, index, file_name, field_name)
        return lambda row: row[i].strip() if i < len(row) else ""

    @staticmethod
    def _lookup(column, index, file_name, field_name) -> int:
        if column not in index:
            raise ProfileError(
                f"{file_name}: field {field_name} names column {column!r}, "
                f"which the header does not have"
            )
        return index[column]

    def values(self, row: list[str]) -> dict[str, str]:
        return {name: get(row) for name, get in self.getters.items()}
