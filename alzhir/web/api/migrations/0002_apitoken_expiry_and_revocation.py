from datetime import timedelta

from django.db import migrations, models


def expire_in_90_days(apps, schema_editor):
    """Tokens issued before expiry existed live 90 days from their issue."""
    ApiToken = apps.get_model("api", "ApiToken")
    for token in ApiToken.objects.all():
        token.expires_at = token.created_at + timedelta(days=90)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(expire_in_90_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(help_text="the token stops working at this moment"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_by",
            field=models.CharField(blank=True, max_length=150),
        ),
    ]
