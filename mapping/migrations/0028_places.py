"""Places with their own planners: every campaign belongs to a place. An existing campaign gets a
place of its own (named by its slug and title), and every existing planner is a planner of each,
as they were of everything before."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def places_for_campaigns(apps, schema_editor):
    Campaign = apps.get_model("mapping", "Campaign")
    Place = apps.get_model("mapping", "Place")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    planners = User.objects.filter(groups__name="planners")
    for campaign in Campaign.objects.all():
        place, _ = Place.objects.get_or_create(
            slug=campaign.slug, defaults={"name": campaign.title}
        )
        place.planners.add(*planners)
        campaign.place = place
        campaign.save(update_fields=["place"])


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("mapping", "0027_sql_in_files"),
    ]

    operations = [
        migrations.CreateModel(
            name="Place",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="kortnavn")),
                ("name", models.CharField(max_length=200, verbose_name="navn")),
                (
                    "planners",
                    models.ManyToManyField(
                        blank=True,
                        related_name="places",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="planleggere",
                    ),
                ),
            ],
            options={"verbose_name": "sted", "verbose_name_plural": "steder", "ordering": ["name"]},
        ),
        migrations.AddField(
            model_name="campaign",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="campaigns",
                to="mapping.place",
                verbose_name="sted",
            ),
        ),
        migrations.RunPython(places_for_campaigns, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="campaign",
            name="place",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="campaigns",
                to="mapping.place",
                verbose_name="sted",
            ),
        ),
    ]
