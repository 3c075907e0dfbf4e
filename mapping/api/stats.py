"""Numbers per area and per week for the filtered proposals."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from geo.models import Area
from mapping import selectors
from mapping.api.export import FORMATS, export_choice
from mapping.api.permissions import require_perm
from mapping.api.schema import PROPOSAL_FILTER_PARAMETERS
from mapping.api.tiles import GeoJSONRenderer
from mapping.area_stats import area_stats_geojson
from mapping.exporters import EXPORT_SRIDS, export_layer
from mapping.filters import proposal_filter
from mapping.hotspot_units import SPACING_RANGE_M
from mapping.hotspots import CONFIDENCE_LEVELS, hotspot_options, hotspots_collection
from mapping.small_groups import group_count
from mapping.themes import themes_of_filters

STATS_KINDS = [Area.Kind.DELOMRADE, Area.Kind.GRUNNKRETS, Area.Kind.VALGKRETS, Area.Kind.BYDEL]


class AreaStatsApi(APIView):
    """Per area of one kind: the number of filtered proposals, in total and per category.

    Takes every filter of the proposals list. Areas with no proposals are included (count 0).
    `total` is the filtered count; `outside` counts those in no area of the kind (at sea, say),
    so the counts add up to `total`.
    """

    @extend_schema(
        parameters=[
            *PROPOSAL_FILTER_PARAMETERS,
            OpenApiParameter("kind", enum=STATS_KINDS, required=True),
        ],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="FeatureCollection")},
    )
    def get(self, request):
        kind = request.query_params.get("kind")
        if kind not in STATS_KINDS:
            raise ValidationError(
                {"kind": [_("Velg en av: %(kinds)s.") % {"kinds": ", ".join(STATS_KINDS)}]}
            )
        params = request.query_params.copy()
        params.pop("kind")
        filterset = proposal_filter(params, user=request.user)
        kept = selectors.kept_for(filterset, user=request.user)
        body = area_stats_geojson(proposals=filterset.qs, kept=kept, kind=kind)
        return HttpResponse(body, content_type="application/json")


class WeeklyStatsApi(APIView):
    """New filtered proposals per ISO week (Monday start), with empty weeks as zero."""

    @extend_schema(
        parameters=PROPOSAL_FILTER_PARAMETERS,
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    def get(self, request):
        filterset = proposal_filter(request.query_params, user=request.user)
        kept = selectors.kept_for(filterset, user=request.user)
        weeks = selectors.proposal_counts_per_week(proposals=filterset.qs, kept=kept)
        return Response([{"week_start": start, "count": count} for start, count in weeks])


class ChannelStatsApi(APIView):
    """The filtered proposals per channel: how they came (map, embed, form, API, event, poster).

    A channel with 1–4 proposals shows `"count": null, "fewer_than": 5`: no group of fewer than
    five people is shown."""

    @extend_schema(
        parameters=PROPOSAL_FILTER_PARAMETERS,
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    def get(self, request):
        proposals = proposal_filter(request.query_params, user=request.user).qs
        counts = selectors.proposal_counts_per_channel(proposals=proposals)
        return Response(
            [
                {"channel": channel, "name": name, **group_count(count)}
                for channel, name, count in counts
            ]
        )


class GroupStatsApi(APIView):
    """The filtered proposals per workshop or kiosk (`group` "event") or per poster ("poster");
    those with none are left out. One with 1–4 proposals shows `"count": null, "fewer_than": 5`."""

    group = "event"

    @extend_schema(
        parameters=PROPOSAL_FILTER_PARAMETERS,
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    def get(self, request):
        proposals = proposal_filter(request.query_params, user=request.user).qs
        counts = selectors.proposal_counts_per(self.group, proposals=proposals)
        return Response(
            [{self.group: row.pk, "name": str(row), **group_count(n)} for row, n in counts]
        )


class BackgroundStatsApi(APIView):
    """Planners only: the anonymous background answers of a campaign's contributors
    (`?campaign=`, default the current one), per age band and per relation to the place, beside
    the place's inhabitants per age band where its population layer has them. Answers are only
    counted, never kept with a proposal; a group of 1–4 shows `"count": null, "fewer_than": 5`.
    Only the campaigns of the planner's places."""

    permission_classes = [require_perm("mapping.use_workspace")]

    @extend_schema(
        parameters=[OpenApiParameter("campaign", int)],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT)},
    )
    def get(self, request):
        campaign = selectors.campaign_for_stats(
            request.query_params.get("campaign"), among=selectors.managed_campaigns(request.user)
        )
        if campaign is None:
            raise NotFound
        answers = selectors.background_counts(campaign=campaign)
        # The land outline (the kommune) holds the inhabitants, else the boundary itself.
        place = next(
            (a for a in (campaign.outline, campaign.boundary) if a and a.population_by_age),
            campaign.boundary,
        )
        people = place.population_by_age or {}
        return Response(
            {
                "age_bands": [
                    {"value": v, "name": name, **group_count(n), "population": people.get(v)}
                    for v, name, n in answers["age_band"]
                ],
                "relations": [
                    {"value": v, "name": name, **group_count(n)}
                    for v, name, n in answers["relation"]
                ],
                "population_year": place.population_year if people else None,
                "population_source": place.population_source if people else "",
            }
        )


class TagStatsApi(APIView):
    """The filtered proposals per tag (planners see every tag, others the public ones). These
    count the planners' coding of public proposals, so they are exact, small ones too."""

    @extend_schema(
        parameters=PROPOSAL_FILTER_PARAMETERS,
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    def get(self, request):
        proposals = proposal_filter(request.query_params, user=request.user).qs
        counts = selectors.proposal_counts_per_tag(proposals=proposals, user=request.user)
        return Response([{"tag": tag.slug, "name": tag.name, "count": n} for tag, n in counts])


class ThemeStatsApi(APIView):
    """The filtered set's characteristic words and two-word phrases (Norwegian stems), with how
    many of its proposals use each, weighted against the whole campaign (or every campaign
    without a campaign filter). A theme is shared by at least 3 proposals of the set."""

    @extend_schema(
        parameters=PROPOSAL_FILTER_PARAMETERS,
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    def get(self, request):
        return Response(themes_of_filters(request.query_params, user=request.user))


class HotspotsApi(APIView):
    """Hotspots of the filtered proposals: where they are significantly denser than expected
    (Getis-Ord Gi* on hexagons, false-discovery-rate corrected), each a hot hexagon with its six
    neighbours, as GeoJSON outlines with their count, confidence, z-score, dominant categories,
    top themes and the ids of their proposals; `method` says how they were found.
    `?download=1` sends it as a file, like the proposals' export (`output` geojson, gpkg or csv;
    `crs` 4326 or 25832)."""

    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    @extend_schema(
        parameters=[
            *PROPOSAL_FILTER_PARAMETERS,
            OpenApiParameter(
                "spacing",
                float,
                description="metres between the hexagons' centres, {}–{}; default: about "
                "2,000 hexagons over the study area".format(*SPACING_RANGE_M),
            ),
            OpenApiParameter("confidence", int, enum=list(CONFIDENCE_LEVELS), default=95),
            OpenApiParameter(
                "relative",
                enum=["inhabitants"],
                description="hotspots of proposals per 1,000 inhabitants, over the areas whose "
                "population is loaded (grunnkretser), instead of hexagons",
            ),
            OpenApiParameter("download", bool),
            OpenApiParameter("output", enum=list(FORMATS), default="geojson"),
            OpenApiParameter("crs", int, enum=list(EXPORT_SRIDS), default=4326),
        ],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="FeatureCollection")},
    )
    def get(self, request):
        params = request.query_params.copy()
        question = hotspot_options(params)
        download = params.pop("download", ["0"])[-1] == "1"
        output, crs = export_choice(params)
        collection = hotspots_collection(params, user=request.user, question=question)
        if not download:
            return HttpResponse(json.dumps(collection), content_type="application/geo+json")
        content_type, extension = FORMATS[output]
        body = export_layer(collection, layer="hotspots", output=output, srid=crs)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="hotspots-epsg{crs}.{extension}"'
        return response
