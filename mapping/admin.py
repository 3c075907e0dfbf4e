"""Admin for campaigns, categories and proposals, with Leaflet map widgets."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from mapping.models import Campaign, Category, Proposal
from mapping.services import proposal_areas_assign


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "colour", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "moderation"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["boundary", "outline"]


@admin.register(Proposal)
class ProposalAdmin(LeafletGeoAdmin):
    list_display = [
        "title",
        "category",
        "status",
        "visibility",
        "campaign",
        "created_at",
        "is_demo",
    ]
    list_filter = ["status", "visibility", "category", "campaign", "is_demo"]
    search_fields = ["title", "body"]
    readonly_fields = ["areas_list", "support_count", "created_at", "updated_at"]
    exclude = ["areas"]
    date_hierarchy = "created_at"

    @admin.display(description="Områder")
    def areas_list(self, proposal):
        return ", ".join(str(area) for area in proposal.areas.all())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A moved pin must be re-linked to the areas it now lies in.
        proposal_areas_assign(proposal=obj)
