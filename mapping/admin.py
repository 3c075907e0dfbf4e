"""Admin for campaigns, categories and proposals, with Leaflet map widgets."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from mapping import selectors, services
from mapping.models import (
    Campaign,
    Category,
    Comment,
    Flag,
    ModerationAction,
    Photo,
    Proposal,
    StatusChange,
    max_length,
)
from mapping.shapes import placement_check


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "campaign", "colour", "position"]
    list_filter = ["campaign"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "moderation"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["boundary", "outline"]


class PhotoInline(admin.TabularInline):
    """Photos are shown, not edited: they come with the proposal, through the services."""

    model = Photo
    extra = 0
    can_delete = False
    fields = ["preview", "width", "height", "position"]
    readonly_fields = fields

    @admin.display(description=_("Bilde"))
    def preview(self, photo):
        return format_html('<a href="{}">{}</a>', reverse("photo-file", args=[photo.pk]), photo)

    def has_add_permission(self, request, obj=None):
        return False


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["created_at", "from_status", "to_status", "answer", "changed_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ProposalAdminForm(forms.ModelForm):
    """The proposal's editable fields, and the planner's actions: a new status with its public
    answer, and moderation. Saving calls the services, so history, log and e-mail follow."""

    new_status = forms.ChoiceField(
        label=_("Ny status"),
        choices=[("", _("Uendret")), *Proposal.Status.choices],
        required=False,
        help_text=_("Forslagsstilleren får e-post med svaret hvis hen oppga en adresse."),
    )
    new_answer = forms.CharField(
        label=_("Kommunens svar"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=max_length(Proposal, "answer"),
        required=False,
    )
    moderation = forms.ChoiceField(
        label=_("Moderering"),
        choices=[
            ("", _("Ingen endring")),
            (ModerationAction.Action.APPROVE, _("Godkjenn")),
            (ModerationAction.Action.HIDE, _("Skjul")),
            (ModerationAction.Action.PUBLISH, _("Publiser igjen")),
        ],
        required=False,
    )
    moderation_reason = forms.CharField(
        label=_("Begrunnelse"), max_length=max_length(ModerationAction, "reason"), required=False
    )

    class Meta:
        model = Proposal
        fields = services.EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["new_answer"].initial = self.instance.answer
            categories = selectors.category_list(campaign=self.instance.campaign)
            self.fields["category"].queryset = categories

    def clean(self):
        data = super().clean()
        try:
            if "location" in self.changed_data and data.get("location"):
                placement_check(campaign=self.instance.campaign, geometry=data["location"])
            if data.get("moderation"):
                services.moderation_check(
                    self.instance,
                    action=data["moderation"],
                    reason=data.get("moderation_reason", ""),
                )
        except ValidationError as error:
            self._errors_from(error)
        return data

    def _errors_from(self, error: ValidationError) -> None:
        fields = {"geometry": "location", "action": "moderation", "reason": "moderation_reason"}
        for key, messages in error.message_dict.items():
            self.add_error(fields.get(key, key), messages)


@admin.register(Proposal)
class ProposalAdmin(LeafletGeoAdmin):
    form = ProposalAdminForm
    list_display = [
        "title",
        "category",
        "status",
        "visibility",
        "campaign",
        "created_at",
        "is_demo",
    ]
    list_filter = ["status", "visibility", "channel", "category", "campaign", "is_demo"]
    search_fields = ["title", "body"]
    readonly_fields = [
        "campaign",
        "status",
        "answer",
        "visibility",
        "areas_list",
        "channel",
        "support_count",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["campaign", *services.EDITABLE_FIELDS]}),
        (_("Status og svar"), {"fields": ["status", "answer", "new_status", "new_answer"]}),
        (_("Moderering"), {"fields": ["visibility", "moderation", "moderation_reason"]}),
        (None, {"fields": ["areas_list", "channel", "support_count", "created_at", "updated_at"]}),
    ]
    inlines = [PhotoInline, StatusChangeInline]
    date_hierarchy = "created_at"
    actions = ["approve", "hide", "publish"]

    @admin.display(description=_("Områder"))
    def areas_list(self, proposal):
        return ", ".join(str(area) for area in proposal.areas.all())

    def has_add_permission(self, request):
        # Proposals are residents' words: they come in through the map, the form or the API.
        return False

    def save_model(self, request, obj, form, change):
        """Every change through the services: corrections, status with answer, moderation."""
        data = form.cleaned_data
        services.proposal_update(
            proposal=obj, user=request.user, **{f: data[f] for f in services.EDITABLE_FIELDS}
        )
        if data["new_status"] and (
            data["new_status"] != obj.status or data["new_answer"] != obj.answer
        ):
            services.proposal_set_status(
                proposal=obj,
                status=data["new_status"],
                answer=data["new_answer"],
                user=request.user,
            )
        if data["moderation"]:
            services.proposal_moderate(
                proposal=obj,
                action=data["moderation"],
                reason=data["moderation_reason"],
                user=request.user,
            )

    def _moderate_selected(self, request, queryset, action: str, reason: str) -> None:
        done = 0
        for proposal in queryset:
            try:
                services.proposal_moderate(
                    proposal=proposal, action=action, reason=reason, user=request.user
                )
                done += 1
            except ValidationError:
                continue  # not in a state the action fits; left as it is
        self.message_user(request, _("%(count)d forslag endret.") % {"count": done})

    @admin.action(description=_("Godkjenn valgte forslag"))
    def approve(self, request, queryset):
        self._moderate_selected(request, queryset, ModerationAction.Action.APPROVE, "")

    @admin.action(description=_("Skjul valgte forslag (begrunnelse: moderert i admin)"))
    def hide(self, request, queryset):
        visible = queryset.exclude(visibility=Proposal.Visibility.HIDDEN)
        self._moderate_selected(
            request, visible, ModerationAction.Action.HIDE, _("Moderert i admin")
        )

    @admin.action(description=_("Publiser valgte skjulte forslag igjen"))
    def publish(self, request, queryset):
        self._moderate_selected(request, queryset, ModerationAction.Action.PUBLISH, "")


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
            services.comment_moderate(
                comment=comment, action="approve", reason="", user=request.user
            )

    @admin.action(description="Skjul valgte kommentarer (begrunnelse: moderert i admin)")
    def hide(self, request, queryset):
        for comment in queryset.exclude(visibility=Proposal.Visibility.HIDDEN):
            services.comment_moderate(
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
