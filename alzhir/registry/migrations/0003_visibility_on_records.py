"""Privacy moves from the person (a cluster, which merges and splits change) to the record, the
only privacy flag left; every record gets its source's role for the person; a merged-away person
keeps the records she gave up (her old address redirects while one of them is public); published
figures become registry content.

Data: a record of a private person, or one with a private name or event, becomes private (what
was hidden stays hidden); each merged-away person's given-up records are read back from the merge
audit rows; the public face of every person holding a private record is recomputed from her public
records only, and whether she holds one at all is kept with it."""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q

CHUNK = 5000


def records_carry_privacy(apps, schema_editor):
    Record = apps.get_model("registry", "Record")
    Person = apps.get_model("registry", "Person")
    Name = apps.get_model("registry", "Name")
    AuditEntry = apps.get_model("registry", "AuditEntry")

    hidden = (
        Q(person__is_private=True)
        | Q(pk__in=Name.objects.filter(is_private=True).values("record"))
        | Q(pk__in=apps.get_model("registry", "Event").objects.filter(is_private=True).values(
            "record"
        ))
    )
    Record.objects.filter(hidden).update(is_private=True)

    merged = set(Person.objects.exclude(merged_into=None).values_list("pk", flat=True))
    given_up = {}
    for action, old, new in (
        AuditEntry.objects.filter(action__in=["merge_persons", "undo"], undone_by=None)
        .order_by("pk")
        .values_list("action", "old", "new")
    ):
        if action == "merge_persons":
            moved = defaultdict(list)
            for record, person in (old or {}).get("moves", []):
                moved[person].append(record)
            given_up |= {p: r for p, r in moved.items() if p in merged}
        elif (old or {}).get("person") in merged and "moves" in (new or {}):
            # an undone split: its person points where its records went back
            given_up[old["person"]] = [record for record, _ in new["moves"]]
    for person, records in given_up.items():
        Person.objects.filter(pk=person).update(merged_records=records)

    Person.objects.filter(
        merged_into=None, pk__in=Record.objects.filter(is_private=False).values("person")
    ).update(has_public_records=True)

    from alzhir.registry.summary import person_summary

    touched = sorted(set(Record.objects.filter(is_private=True).values_list("person", flat=True)))
    for start in range(0, len(touched), CHUNK):
        chunk = touched[start : start + CHUNK]
        public = defaultdict(list)
        for row in (
            Record.objects.filter(person__in=chunk, is_private=False)
            .order_by("pk")
            .values_list("pk", "person", "sex", "birth_lower")
        ):
            public[row[1]].append(row)
        names = defaultdict(list)
        for record, text in (
            Name.objects.filter(record__person__in=chunk, record__is_private=False)
            .order_by("record", "pk")
            .values_list("record", "full_text")
        ):
            names[record].append(text)
        for person in Person.objects.filter(pk__in=chunk):
            own = public[person.pk]
            face = person_summary(
                [n for r in own for n in names[r[0]]], next((r[3] for r in own if r[3]), None)
            )
            sexes = {r[2] for r in own} - {"U"}
            person.display_name, person.sort_name = face["display_name"], face["sort_name"]
            person.birth_year = face["birth_year"]
            person.sex = sexes.pop() if len(sexes) == 1 else "U"
            person.save(update_fields=["display_name", "sort_name", "birth_year", "sex"])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_place_type_transit"),
    ]

    operations = [
        migrations.AddField(
            model_name="record",
            name="role",
            field=models.CharField(
                choices=[
                    ("repressed", "repressed"),
                    ("child", "child"),
                    ("relative", "relative"),
                    ("official", "official"),
                    ("witness", "witness"),
                    ("other", "other"),
                ],
                default="repressed",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="role",
            field=models.CharField(
                choices=[
                    ("repressed", "repressed"),
                    ("child", "child"),
                    ("relative", "relative"),
                    ("official", "official"),
                    ("witness", "witness"),
                    ("other", "other"),
                ],
                default="repressed",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="merged_records",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="person",
            name="has_public_records",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterModelOptions(
            name="record",
            options={"permissions": [("set_privacy", "Can make records private or public")]},
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["object_type", "object_id"], name="audit_about"),
        ),
        migrations.CreateModel(
            name="PublishedFigure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=100, unique=True)),
                ("value", models.BigIntegerField()),
                (
                    "text",
                    models.CharField(help_text="the figure as the source prints it", max_length=100),
                ),
                ("claim", models.CharField(help_text="what the figure counts, in words", max_length=300)),
                ("locator", models.CharField(blank=True, max_length=300)),
                (
                    "compared_with",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("persons", "persons in the registry"),
                            ("women", "women in the registry"),
                            ("in-alzhir", "persons whose records place them in ALZHIR"),
                            ("in-camp", "persons with a recorded arrival in ALZHIR or Karlag"),
                            ("born-in-camp", "children recorded as born in the camp"),
                            ("died", "persons with a recorded death or execution"),
                        ],
                        max_length=20,
                    ),
                ),
                ("featured", models.BooleanField(default=False)),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="figures",
                        to="registry.source",
                    ),
                ),
            ],
        ),
        migrations.RunPython(records_carry_privacy, migrations.RunPython.noop),
        migrations.RemoveField(model_name="person", name="is_private"),
        migrations.RemoveField(model_name="person", name="is_living"),
        migrations.RemoveField(model_name="name", name="is_private"),
        migrations.RemoveField(model_name="event", name="is_private"),
    ]
