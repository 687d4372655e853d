"""The evidence model: records as sources wrote them, persons as conclusions (GEDCOM X's
persona/person split). Every write goes through alzhir.registry.actions; every public read
through the querysets of alzhir.registry.visibility (`.public()`)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from alzhir.registry.visibility import (
    CitationQuerySet,
    EventQuerySet,
    NamedRelativeQuerySet,
    NameQuerySet,
    PersonQuerySet,
    RecordQuerySet,
    RelationshipQuerySet,
)


class SourceKind(models.TextChoices):
    LIST = "list", _("list")
    MEMORY_BOOK = "memory_book", _("memory book")
    DATABASE = "database", _("database")
    ARCHIVAL_CASE = "archival_case", _("archival case")
    ARTICLE = "article", _("article")
    TESTIMONY = "testimony", _("testimony")
    CONTRIBUTION = "contribution", _("contribution")
    GEDCOM = "gedcom", _("GEDCOM file")


class Source(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.LIST)
    title = models.CharField(max_length=500, blank=True)
    citation = models.TextField(blank=True)
    repository = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=35, blank=True)
    rights = models.CharField(max_length=300, blank=True)
    url = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    # Generated data for scale tests: never shown on the public site as if real.
    is_synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name


class ImportBatch(models.Model):
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="batches")
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    profile = models.CharField(max_length=200)
    row_count = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    imported_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        constraints = [
            models.UniqueConstraint(fields=["source", "sha256"], name="one_import_per_file")
        ]

    def __str__(self):
        return f"{self.source} ← {self.file_name}"


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")
    UNKNOWN = "U", _("unknown")


class Role(models.TextChoices):
    """What a source says the person was (DESIGN.md, Role)."""

    REPRESSED = "repressed", _("repressed")  # prisoner, exiled, executed, sentenced as ЧСИР
    CHILD = "child", _("child")  # born in the camp or taken there with the mother
    RELATIVE = "relative", _("relative")  # named as family, not repressed by this source
    OFFICIAL = "official", _("official")  # investigator, judge, camp chief, a signatory
    WITNESS = "witness", _("witness")
    OTHER = "other", _("other")


# The people the memorial remembers: the Wall, memorial statistics and "add a memory" are
# theirs; everyone else appears as context on the pages of the sources that name them.
MEMORIAL_ROLES = (Role.REPRESSED, Role.CHILD)


class Person(models.Model):
    """A conclusion: the records that an archivist or the linker decided are one human being.
    Her public face (name, birth year, sex, role) is computed from her public records only."""

    # Denormalised from the public records' best name and birth date (alzhir.registry.summary)
    # so the Wall sorts and pages fast; empty while no record of hers is public.
    sort_name = models.CharField(max_length=300, blank=True)
    display_name = models.CharField(max_length=300, blank=True)
    birth_year = models.SmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    # Concluded from her records' roles (her public ones, where she has any).
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.REPRESSED)
    # Whether any of her records is public: derived like the rest of her face, never set by
    # hand (alzhir.registry.visibility). Kept as a column because asking the records costs the
    # Wall and the API's lists a probe per person (docs/benchmarks.md, "Visibility").
    has_public_records = models.BooleanField(default=False)
    # Built only from generated sources (benchmarks): always labelled as such where shown.
    is_synthetic = models.BooleanField(default=False)
    # A merged-away person keeps its id so old links redirect and the merge can be undone.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_persons"
    )
    # The records she held when merged away: her old address redirects only while one of them
    # is public (alzhir.registry.visibility.redirect_target).
    merged_records = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["sort_name", "id"], name="person_wall_order")]

    def __str__(self):
        return self.display_name or f"person {self.pk}"


class Record(models.Model):
    """A persona: one row or entry exactly as its source gave it. Never edited after import."""

    # Both lookups are served by other indexes (the unique source+record_id constraint; batches
    # are listed rarely), and every index costs time on a million-row import.
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="records", db_index=False
    )
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        db_index=False,
    )
    record_id = models.CharField(max_length=100)
    row_number = models.PositiveIntegerField(null=True, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="records")
    original = models.JSONField(help_text="every column of the row, text exactly as written")
    fields = models.JSONField(default=dict, help_text="registry fields parsed from the row")
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_edtf = models.CharField(max_length=50, blank=True)
    birth_lower = models.DateField(null=True, blank=True)
    birth_upper = models.DateField(null=True, blank=True)
    # The one privacy flag: a record of a living person, or one withheld by its source's terms.
    # Everything the public sees of a person is computed from her records where this is false.
    is_private = models.BooleanField(default=False)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.REPRESSED)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        constraints = [
            models.UniqueConstraint(fields=["source", "record_id"], name="record_id_per_source")
        ]
        permissions = [("set_privacy", "Can make records private or public")]

    def __str__(self):
        return f"{self.source.name}:{self.record_id}"


class NameType(models.TextChoices):
    BIRTH = "birth", _("birth name")
    MARRIED = "married", _("married name")
    ALIAS = "alias", _("alias")
    AS_RECORDED = "as_recorded", _("as recorded")


class Name(models.Model):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="names")
    type = models.CharField(max_length=12, choices=NameType.choices, default=NameType.AS_RECORDED)
    surname = models.CharField(max_length=200, blank=True)
    given_name = models.CharField(max_length=200, blank=True)
    patronymic = models.CharField(max_length=200, blank=True)
    full_text = models.TextField()
    lang = models.CharField(max_length=35, blank=True, help_text="BCP 47, e.g. ru-Cyrl")
    scheme = models.CharField(max_length=50, blank=True, help_text="transliteration scheme")

    objects = NameQuerySet.as_manager()

    class Meta:
        verbose_name = _("name")
        verbose_name_plural = _("names")

    def __str__(self):
        return self.full_text


class PlaceType(models.TextChoices):
    SETTLEMENT = "settlement", _("settlement")
    REGION = "region", _("region")
    CAMP = "camp", _("camp")
    LAGPUNKT = "lagpunkt", _("camp point")
    PRISON = "prison", _("prison")
    TRANSIT = "transit", _("transit prison")
    ORPHANAGE = "orphanage", _("orphanage")
    LAKE = "lake", _("lake")
    OTHER = "other", _("other")


class Place(models.Model):
    key = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=300)
    type = models.CharField(max_length=12, choices=PlaceType.choices, default=PlaceType.OTHER)
    part_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    wikidata = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name


class PlaceName(models.Model):
    """A place's names over time: Akmolinsk → Tselinograd → Akmola → Astana."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=300)
    lang = models.CharField(max_length=35, blank=True)
    valid_from = models.CharField(max_length=20, blank=True, help_text="EDTF")
    valid_to = models.CharField(max_length=20, blank=True, help_text="EDTF")

    class Meta:
        verbose_name = _("place name")
        verbose_name_plural = _("place names")

    def __str__(self):
        return self.name


class EventType(models.TextChoices):
    BIRTH = "birth", _("birth")
    ARREST = "arrest", _("arrest")
    SENTENCE = "sentence", _("sentence")
    TRANSPORT = "transport", _("transport")
    CAMP_ARRIVAL = "camp_arrival", _("arrival in camp")
    CAMP_TRANSFER = "camp_transfer", _("transfer between camps")
    CAMP_DEPARTURE = "camp_departure", _("departure from camp")
    BIRTH_IN_CAMP = "birth_in_camp", _("birth in camp")
    CHILD_TO_ORPHANAGE = "child_to_orphanage", _("child sent to orphanage")
    RELEASE = "release", _("release")
    EXILE = "exile", _("exile")
    DEATH = "death", _("death")
    EXECUTION = "execution", _("execution")
    REHABILITATION = "rehabilitation", _("rehabilitation")
    OTHER = "other", _("other")


class Calendar(models.TextChoices):
    GREGORIAN = "gregorian", _("Gregorian")
    JULIAN = "julian", _("Julian")


class Event(models.Model):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=20, choices=EventType.choices)
    date_edtf = models.CharField(max_length=50, blank=True)
    date_lower = models.DateField(null=True, blank=True)
    date_upper = models.DateField(null=True, blank=True)
    date_text = models.TextField(blank=True)
    calendar = models.CharField(max_length=10, choices=Calendar.choices, default=Calendar.GREGORIAN)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    place_text = models.TextField(blank=True)
    # Where the person came from, for arrivals and transfers (a prison, a city, another camp).
    origin = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    origin_text = models.TextField(blank=True)
    transport = models.TextField(blank=True)
    institution = models.TextField(blank=True)
    charge = models.TextField(blank=True)
    legal_article = models.TextField(blank=True)
    term = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="the phrase as the source wrote it")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["type", "date_lower"], name="event_type_date")]

    def __str__(self):
        return f"{self.type} {self.date_edtf}".strip()


class RelationshipType(models.TextChoices):
    MOTHER = "mother", _("mother")
    FATHER = "father", _("father")
    SPOUSE = "spouse", _("spouse")
    SIBLING = "sibling", _("sibling")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class Relationship(models.Model):
    """`a` is the mother/father/spouse/sibling of `b`."""

    type = models.CharField(max_length=10, choices=RelationshipType.choices)
    a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_as_a")
    b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_as_b")
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # A link its source withholds (an archive's terms): never public, whoever its persons are.
    is_private = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("family link")
        verbose_name_plural = _("family links")
        constraints = [
            models.UniqueConstraint(fields=["type", "a", "b"], name="one_relationship_per_pair")
        ]
        permissions = [("review_relationship", "Can confirm or reject proposed family links")]

    def __str__(self):
        return f"{self.a_id} is {self.type} of {self.b_id} ({self.status})"


class Kin(models.TextChoices):
    """What a relative named on a record was to its subject, as lists write it."""

    MOTHER = "mother", _("mother")
    FATHER = "father", _("father")
    PARENT = "parent", _("father or mother")
    SPOUSE = "spouse", _("spouse")
    CHILD = "child", _("child")
    SIBLING = "sibling", _("sibling")
    GRANDPARENT = "grandparent", _("grandparent")
    GRANDCHILD = "grandchild", _("grandchild")
    NEPHEW = "nephew", _("nephew or niece")
    UNCLE = "uncle", _("uncle or aunt")


class NamedRelative(models.Model):
    """A relative a record names whom the registry holds no record of (yet): the page shows the
    record's words, never an invented person. `alzhir family` keeps these in step: one is
    removed when a list that has her is imported and the link to her person is proposed."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="named_relatives")
    kin = models.CharField(max_length=12, choices=Kin.choices)
    name = models.CharField(max_length=300)
    year = models.SmallIntegerField(null=True, blank=True)
    phrase = models.TextField(blank=True, help_text="the words as the record wrote them")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NamedRelativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("relative named in a source")
        verbose_name_plural = _("relatives named in sources")

    def __str__(self):
        return f"{self.kin} of record {self.record_id}: {self.name}"


class Citation(models.Model):
    """Attaches any fact (name, event, relationship, record) to a source and a locator."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    fact = GenericForeignKey("content_type", "object_id")
    locator = models.CharField(max_length=300, blank=True)
    text_as_recorded = models.TextField(blank=True)
    confidence = models.FloatField(null=True, blank=True)

    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_fact")]

    def __str__(self):
        return f"{self.source_id}: {self.locator}"


class AuditEntry(models.Model):
    """One row per named action: who changed what, from what to what, and why."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=100)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    undone_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_about")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type}"


class LinkageRun(models.Model):
    """One run of the linker: the trained model as Splink JSON, thresholds and a summary."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, default="duplicates")
    backend = models.CharField(max_length=20, default="duckdb")
    settings = models.JSONField(default=dict, help_text="the trained model, as Splink saves it")
    parameters = models.JSONField(default=dict, help_text="thresholds and data described")
    summary = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("linkage run")
        verbose_name_plural = _("linkage runs")

    def __str__(self):
        return f"{self.kind} run {self.pk} ({self.backend})"


class MatchProposal(models.Model):
    """A pair of records the linker scored as possibly one person, or an archivist's verdict on
    one. Decided pairs are labels: a later run never overrides them."""

    record_a = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(LinkageRun, null=True, blank=True, on_delete=models.SET_NULL)
    score = models.FloatField(null=True, blank=True)
    match_weight = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    deferred = models.BooleanField(default=False)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("proposed match")
        verbose_name_plural = _("proposed matches")
        constraints = [
            models.UniqueConstraint(fields=["record_a", "record_b"], name="one_proposal_per_pair")
        ]
        indexes = [models.Index(fields=["status", "-score"], name="proposal_queue")]
        permissions = [("review_match", "Can decide whether two records are one person")]

    def __str__(self):
        return f"{self.record_a_id} ~ {self.record_b_id} ({self.status})"


class FigureComparison(models.TextChoices):
    """Which of the registry's own counts a published figure is set beside (the rows of the
    statistics' overview table)."""

    PERSONS = "persons", _("persons in the registry")
    WOMEN = "women", _("women in the registry")
    IN_ALZHIR = "in-alzhir", _("persons whose records place them in ALZHIR")
    IN_CAMP = "in-camp", _("persons with a recorded arrival in ALZHIR or Karlag")
    BORN_IN_CAMP = "born-in-camp", _("children recorded as born in the camp")
    DIED = "died", _("persons with a recorded death or execution")


class PublishedFigure(models.Model):
    """A figure published elsewhere ("about 20,000 women passed through ALZHIR"): a fact with
    its citation, shown beside the registry's own counts. Set by staff through an action."""

    key = models.SlugField(max_length=100, unique=True)
    value = models.BigIntegerField()
    text = models.CharField(max_length=100, help_text="the figure as the source prints it")
    claim = models.CharField(max_length=300, help_text="what the figure counts, in words")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="figures")
    locator = models.CharField(max_length=300, blank=True)
    compared_with = models.CharField(
        max_length=20, choices=FigureComparison.choices, blank=True
    )
    # Shown on the home page, under "What ALZHIR was".
    featured = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")

    def __str__(self):
        return f"{self.key}: {self.text}"
