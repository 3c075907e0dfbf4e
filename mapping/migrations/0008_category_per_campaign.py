"""Categories belong to their campaign (they were global by slug, so one place's campaign file
could overwrite another's). Each existing category goes to the campaigns whose proposals use it,
copied where several do; a category no proposal uses goes to every campaign."""

import django.db.models.deletion
from django.db import migrations, models


def categories_to_campaigns(apps, schema_editor):
    Campaign = apps.get_model("mapping", "Campaign")
    Category = apps.get_model("mapping", "Category")
    Proposal = apps.get_model("mapping", "Proposal")
    GridCell = apps.get_model("mapping", "GridCell")
    all_campaigns = list(Campaign.objects.order_by("opens_at", "pk").values_list("pk", flat=True))
    for category in Category.objects.filter(campaign__isnull=True):
        used = list(
            Proposal.objects.filter(category=category)
            .order_by("campaign_id")
            .values_list("campaign_id", flat=True)
            .distinct()
        )
        campaigns = used or all_campaigns
        if not campaigns:
            category.delete()
            continue
        first, *others = campaigns
        category.campaign_id = first
        category.save(update_fields=["campaign"])
        for campaign_id in others:
            original_pk = category.pk
            category.pk = None
            category.campaign_id = campaign_id
            category.save()
            Proposal.objects.filter(category_id=original_pk, campaign_id=campaign_id).update(
                category=category
            )
            GridCell.objects.filter(category_id=original_pk, campaign_id=campaign_id).update(
                category=category
            )
            category = Category.objects.get(pk=original_pk)


def categories_global(apps, schema_editor):
    Category = apps.get_model("mapping", "Category")
    Proposal = apps.get_model("mapping", "Proposal")
    GridCell = apps.get_model("mapping", "GridCell")
    kept = {}
    for category in Category.objects.order_by("pk"):
        first = kept.setdefault(category.slug, category.pk)
        if first != category.pk:
            Proposal.objects.filter(category_id=category.pk).update(category_id=first)
            GridCell.objects.filter(category_id=category.pk).delete()
            category.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mapping", "0007_published_recent_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="category",
            name="slug",
            field=models.SlugField(verbose_name="kortnavn"),
        ),
        migrations.AddField(
            model_name="category",
            name="campaign",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="categories",
                to="mapping.campaign",
                verbose_name="kampanje",
            ),
        ),
        migrations.RunPython(categories_to_campaigns, categories_global),
        migrations.AlterField(
            model_name="category",
            name="campaign",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="categories",
                to="mapping.campaign",
                verbose_name="kampanje",
            ),
        ),
        migrations.AlterModelOptions(
            name="category",
            options={
                "ordering": ["campaign", "position", "name"],
                "verbose_name": "kategori",
                "verbose_name_plural": "kategorier",
            },
        ),
        migrations.AddConstraint(
            model_name="category",
            constraint=models.UniqueConstraint(
                fields=("campaign", "slug"), name="category_slug_per_campaign"
            ),
        ),
    ]
