"""Serializers for the public API. The author's e-mail is write-only and never rendered."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from geo.fields import DisplayGeometryField, GeoJSONShapeField
from geo.filters import parse_point
from geo.models import Area
from mapping import selectors
from mapping.honeypot import honeypot_check
from mapping.models import (
    BackgroundCount,
    Campaign,
    Category,
    Comment,
    Flag,
    ModerationAction,
    Outcome,
    Photo,
    Poster,
    Proposal,
    StatusChange,
    Tag,
    max_length,
)
from mapping.reference import reference

COORDINATE_PRECISION = 6  # about 0.1 m: finer than any pin a person can place


@extend_schema_field(OpenApiTypes.STR)
class TranslatedField(serializers.Field):
    """A Translatable's text in the request's language (bokmål when untranslated)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance.translated(self.field_name)

    def to_representation(self, value) -> str:
        return value


class CategorySerializer(serializers.ModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Category
        fields = ["slug", "name", "colour", "symbol"]


class AreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["kind", "code", "name"]


class ProposalGeometryField(GeoJSONShapeField):
    """A proposal's line or area where it has one, else its point."""

    def get_attribute(self, instance):
        return instance.shape or instance.location


class ProposalSerializer(GeoFeatureModelSerializer):
    """A proposal as a GeoJSON Feature, for lists and map layers."""

    location = ProposalGeometryField(precision=COORDINATE_PRECISION)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="display_name")
    demo = serializers.BooleanField(source="is_demo")
    approximate = serializers.BooleanField(source="is_approximate")

    class Meta:
        model = Proposal
        geo_field = "location"
        fields = [
            "id",
            "title",
            "body",
            "category",
            "status",
            "answer",
            "name",
            "campaign",
            "visibility",
            "channel",
            "support_count",
            "support_burst",
            "approximate",
            "demo",
            "created_at",
            "kind",
            "area_m2",
            "length_m",
        ]
        read_only_fields = fields


class StatusChangeSerializer(serializers.ModelSerializer):
    """A public step of the status history (who made it is not shown)."""

    class Meta:
        model = StatusChange
        fields = ["from_status", "to_status", "answer", "created_at"]


class PhotoSerializer(serializers.ModelSerializer):
    """A photo's addresses: the photo view, which serves it only while its proposal is public."""

    url = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = ["url", "thumbnail", "width", "height"]

    def get_url(self, photo) -> str:
        return self.context["request"].build_absolute_uri(reverse("photo-file", args=[photo.pk]))

    def get_thumbnail(self, photo) -> str:
        return self.context["request"].build_absolute_uri(reverse("photo-thumb", args=[photo.pk]))


class CommentSerializer(serializers.ModelSerializer):
    """A comment; the name is optional, nothing else about the writer is stored."""

    name = serializers.CharField(
        source="display_name",
        max_length=max_length(Comment, "display_name"),
        required=False,
        allow_blank=True,
        default="",
    )
    body = serializers.CharField(max_length=max_length(Comment, "body"))

    class Meta:
        model = Comment
        fields = ["id", "body", "name", "visibility", "created_at"]
        read_only_fields = ["id", "visibility", "created_at"]


class TagRefSerializer(serializers.ModelSerializer):
    public = serializers.BooleanField(source="is_public")

    class Meta:
        model = Tag
        fields = ["id", "slug", "name", "public"]


class TagSerializer(serializers.ModelSerializer):
    """A planner's tag of a campaign, with how many proposals carry it."""

    public = serializers.BooleanField(source="is_public", required=False, default=False)
    count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Tag
        fields = ["id", "campaign", "name", "slug", "public", "count"]
        read_only_fields = ["id", "slug", "count"]


class OutcomeSerializer(serializers.ModelSerializer):
    """A plan or case that proposals went into."""

    count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Outcome
        fields = ["id", "campaign", "name", "case_number", "url", "decided_on", "count"]
        read_only_fields = ["id", "count"]


class OutcomeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["id", "name", "case_number", "url", "decided_on"]


class MergedSerializer(serializers.ModelSerializer):
    """A duplicate merged into the proposal: its own words are kept and shown."""

    class Meta:
        model = Proposal
        fields = ["id", "title", "body", "created_at"]


class ProposalDetailSerializer(ProposalSerializer):
    """One proposal with its areas, status history, photos, comment count, tags, outcome and
    the duplicates merged into it (or the proposal it was merged into)."""

    areas = AreaRefSerializer(many=True, read_only=True)
    status_history = StatusChangeSerializer(source="status_changes", many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    comment_count = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    outcome = OutcomeRefSerializer(read_only=True, allow_null=True)
    merged = MergedSerializer(many=True, read_only=True)

    class Meta(ProposalSerializer.Meta):
        fields = [
            *ProposalSerializer.Meta.fields,
            "updated_at",
            "areas",
            "status_history",
            "photos",
            "comment_count",
            "tags",
            "outcome",
            "merged_into",
            "merged",
        ]
        read_only_fields = fields

    def get_comment_count(self, proposal) -> int:
        return sum(1 for c in proposal.comments.all() if c.visibility == "published")

    def get_tags(self, proposal) -> list[dict]:
        """The public tags (planners get every tag from the API)."""
        return TagRefSerializer(proposal.tags.filter(is_public=True), many=True).data


class ProposalStatusSerializer(serializers.Serializer):
    """A planner's status change with its public answer."""

    status = serializers.ChoiceField(choices=Proposal.Status.choices)
    answer = serializers.CharField(
        max_length=max_length(Proposal, "answer"), allow_blank=True, default=""
    )


class ModerationSerializer(serializers.Serializer):
    """A moderator's decision; hiding needs a reason."""

    action = serializers.ChoiceField(
        choices=[
            ModerationAction.Action.APPROVE,
            ModerationAction.Action.HIDE,
            ModerationAction.Action.PUBLISH,
        ]
    )
    reason = serializers.CharField(
        max_length=max_length(ModerationAction, "reason"), allow_blank=True, default=""
    )


class FlagSerializer(serializers.Serializer):
    """A resident's report of a proposal or a comment."""

    reason = serializers.CharField(max_length=max_length(Flag, "reason"))


class CampaignIdField(serializers.PrimaryKeyRelatedField):
    """A campaign's id, checked against the ids the process holds (mapping.reference) before the
    database: the campaign itself is read with the category (ProposalCreateSerializer)."""

    def to_internal_value(self, data):
        if str(data).isdigit() and int(data) in reference().campaigns:
            return int(data)
        return super().to_internal_value(data).pk


class ProposalCreateSerializer(serializers.Serializer):
    """A new proposal as a GeoJSON Feature; properties are flattened for validation.

    Errors are keyed by property name (`title`, `category`, …), `geometry` and `type`.
    """

    type = serializers.ChoiceField(
        choices=["Feature"],
        error_messages={"invalid_choice": _("Må være et GeoJSON-objekt av typen «Feature».")},
    )
    geometry = GeoJSONShapeField()
    title = serializers.CharField(max_length=max_length(Proposal, "title"))
    body = serializers.CharField(max_length=max_length(Proposal, "body"))
    category = serializers.SlugField(help_text="A slug of the campaign's categories")
    name = serializers.CharField(
        max_length=max_length(Proposal, "display_name"),
        required=False,
        allow_blank=True,
        default="",
    )
    email = serializers.EmailField(required=False, allow_blank=True, default="", write_only=True)
    campaign = CampaignIdField(queryset=Campaign.objects.all(), required=False)
    # A honeypot: the form hides it from people; software that fills every field fills it.
    website = serializers.CharField(required=False, allow_blank=True, write_only=True)
    # The optional, anonymous background question: only counted, never kept with the proposal.
    age_band = serializers.ChoiceField(
        choices=BackgroundCount.AgeBand.choices,
        required=False,
        allow_blank=True,
        default="",
        write_only=True,
    )
    relation = serializers.ChoiceField(
        choices=BackgroundCount.Relation.choices,
        required=False,
        allow_blank=True,
        default="",
        write_only=True,
    )
    # Sent by the map opened from a poster's QR code: the proposal counts under that poster.
    poster = serializers.SlugRelatedField(
        slug_field="code", queryset=Poster.objects.all(), required=False, write_only=True
    )
    # The site's own map pages say which they are; any other client is "api".
    channel = serializers.ChoiceField(
        choices=[Proposal.Channel.MAP, Proposal.Channel.EMBED],
        required=False,
        default=Proposal.Channel.API,
        write_only=True,
    )

    def validate_website(self, value):
        return honeypot_check(value)

    def validate(self, data):
        """The campaign (default: the current one) and its category of that slug."""
        campaign_id = data.get("campaign") or getattr(selectors.campaign_current(), "pk", None)
        if campaign_id is None:
            raise serializers.ValidationError(
                {"campaign": [_("Ingen kampanje tar imot forslag nå.")]}
            )
        category = selectors.category_of_campaign(campaign_id=campaign_id, slug=data["category"])
        if category is None:
            raise serializers.ValidationError(
                {"category": [_("Ukjent kategori «%(slug)s».") % {"slug": data["category"]}]}
            )
        if data.get("poster") and data["poster"].campaign_id != campaign_id:
            raise serializers.ValidationError(
                {"poster": [_("Plakaten hører til en annen kampanje.")]}
            )
        return {**data, "campaign": category.campaign, "category": category}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                {"type": [_("Forventet et GeoJSON-objekt av typen «Feature».")]}
            )
        properties = data.get("properties")
        if not isinstance(properties, dict):
            raise serializers.ValidationError(
                {"properties": [_("«properties» må være et objekt med forslagets felter.")]}
            )
        flat = {**properties, "type": data.get("type"), "geometry": data.get("geometry")}
        return super().to_internal_value(flat)


class CampaignSummarySerializer(serializers.ModelSerializer):
    """A campaign without geometry, for pickers."""

    title = TranslatedField()
    question = TranslatedField()
    is_open = serializers.BooleanField()

    class Meta:
        model = Campaign
        fields = ["id", "slug", "title", "question", "opens_at", "closes_at", "is_open"]


class CampaignSerializer(serializers.ModelSerializer):
    """The campaign with its boundary and outline, simplified for a web map."""

    boundary = DisplayGeometryField(source="boundary_simplified", precision=5)
    outline = DisplayGeometryField(source="outline_simplified", precision=5)
    boundary_name = serializers.CharField(source="boundary.name")
    title = TranslatedField()
    question = TranslatedField()
    description = TranslatedField()
    bbox = serializers.SerializerMethodField()
    is_open = serializers.BooleanField()

    class Meta:
        model = Campaign
        fields = [
            "id",
            "slug",
            "title",
            "question",
            "description",
            "opens_at",
            "closes_at",
            "is_open",
            "moderation",
            "boundary_name",
            "bbox",
            "boundary",
            "outline",
        ]

    def get_bbox(self, campaign) -> list[float]:
        return [round(c, 5) for c in campaign.boundary_simplified.extent]


class AreaSerializer(GeoFeatureModelSerializer):
    """An area with its boundary simplified for display."""

    geom = DisplayGeometryField(source="simplified_geom", precision=5)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Area
        geo_field = "geom"
        fields = ["id", "kind", "code", "name", "parent"]


class PlaceQuerySerializer(serializers.Serializer):
    """What a resident has typed into the place search."""

    q = serializers.CharField(max_length=100, allow_blank=True)


class OutlineQuerySerializer(serializers.Serializer):
    """Areas a resident chose from the list, to propose something for them together."""

    area = serializers.ListField(
        child=serializers.CharField(max_length=20),
        min_length=1,
        max_length=50,
        help_text="Area code (delområde, grunnkrets, valgkrets); repeatable",
    )
    campaign = serializers.IntegerField(required=False, help_text="Default: the current one")


class SimilarQuerySerializer(serializers.Serializer):
    """Where and what a resident is writing, to find similar proposals nearby."""

    point = serializers.CharField(help_text="lon,lat (EPSG:4326)")
    text = serializers.CharField(max_length=2000)
    radius_m = serializers.IntegerField(min_value=10, max_value=2000, default=200)

    def validate_point(self, value):
        return parse_point(value)
