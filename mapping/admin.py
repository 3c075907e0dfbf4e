"""Admin for campaigns, categories and proposals, with Leaflet map widgets."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from mapping.models import (
    Campaign,
    Category,
    Comment,
    Flag,
    ModerationAction,
    Photo,
    Proposal,
    StatusChange,
)
from mapping.services import comment_moderate, proposal_areas_assign


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


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["image", "thumbnail", "width", "height", "position"]
    readonly_fields = ["width", "height"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["created_at", "from_status", "to_status", "answer", "changed_by"]
    readonly_fields = fields


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
    inlines = [PhotoInline, StatusChangeInline]
    date_hierarchy = "created_at"

    @admin.display(description="Områder")
    def areas_list(self, proposal):
        return ", ".join(str(area) for area in proposal.areas.all())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A moved pin must be re-linked to the areas it now lies in.
        proposal_areas_assign(proposal=obj)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["body", "display_name", "proposal", "visibility", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["body"]
    raw_id_fields = ["proposal"]
    readonly_fields = ["visibility"]
    actions = ["approve", "hide"]

    @admin.action(description="Godkjenn valgte kommentarer")
    def approve(self, request, queryset):
        for comment in queryset.filter(visibility=Proposal.Visibility.PENDING):
            comment_moderate(comment=comment, action="approve", reason="", user=request.user)

    @admin.action(description="Skjul valgte kommentarer (begrunnelse: moderert i admin)")
    def hide(self, request, queryset):
        for comment in queryset.exclude(visibility=Proposal.Visibility.HIDDEN):
            comment_moderate(
                comment=comment, action="hide", reason="Moderert i admin", user=request.user
            )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs are evidence: they can be read, not edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "proposal", "comment", "actor", "reason"]
    list_filter = ["action"]
    date_hierarchy = "created_at"


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "proposal", "comment", "reason"]


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "proposal", "from_status", "to_status", "changed_by"]
