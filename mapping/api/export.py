"""Export of exactly the filtered proposals as GeoJSON, CSV or GeoPackage."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from mapping import exporters, selectors
from mapping.api.schema import PROPOSAL_FILTER_PARAMETERS
from mapping.budget import expensive_slot
from mapping.filters import proposal_filter, query_from_body

FORMATS = {
    "geojson": ("application/geo+json", "geojson"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "gpkg": ("application/geopackage+sqlite3", "gpkg"),
}


def export_choice(params) -> tuple[str, int]:
    """Take `output` and `crs` out of the query (the filters must not see them), or a 400."""
    output = params.pop("output", ["geojson"])[-1]
    crs = params.pop("crs", ["4326"])[-1]
    if output not in FORMATS:
        raise ValidationError({"output": [_("Velg geojson, csv eller gpkg.")]})
    if crs not in {str(srid) for srid in exporters.EXPORT_SRIDS}:
        raise ValidationError({"crs": [_("Velg 4326 eller 25832.")]})
    return output, int(crs)


class ProposalExportApi(APIView):
    """The proposals the list would show, as a file. `output`: geojson, csv or gpkg;
    `crs`: 4326 (default) or 25832. Authors' e-mail addresses are included only for users
    with the permission to see them. POST takes the filters as a JSON body, like search."""

    @extend_schema(
        parameters=[
            *PROPOSAL_FILTER_PARAMETERS,
            OpenApiParameter("output", enum=list(FORMATS), default="geojson"),
            OpenApiParameter("crs", int, enum=list(exporters.EXPORT_SRIDS), default=4326),
        ],
        responses={
            (200, FORMATS["geojson"][0]): {"type": "object", "description": "FeatureCollection"},
            (200, FORMATS["csv"][0]): {"type": "string"},
            (200, FORMATS["gpkg"][0]): OpenApiTypes.BINARY,
            413: OpenApiResponse(description="More proposals than FREMTIDSKART_EXPORT_MAX_ROWS"),
        },
    )
    def get(self, request):
        return self._export(request, request.query_params.copy())

    @extend_schema(exclude=True)
    def post(self, request):
        return self._export(request, query_from_body(request.data))

    def _export(self, request, params):
        output, crs = export_choice(params)
        # A planner's export (with addresses and internal tags) holds their places' proposals.
        planner = selectors.can_use_workspace(request.user)
        proposals = proposal_filter(params, user=request.user, managed=planner).qs
        # Every query of an export, its count too, runs in one of the few slots for expensive
        # reads (mapping.budget): a few at once can never hold every worker.
        with expensive_slot(request.user):
            return self._export_in_slot(request, proposals, output, crs)

    def _export_in_slot(self, request, proposals, output, crs):
        # This export is written while a web worker waits: a larger set would outlast the
        # worker's timeout, and a few such requests would hold every worker. Refused whole
        # instead, before any work (the count stops at the limit); planners have such files
        # built in the background (a Report of an export format).
        limit = settings.FREMTIDSKART_EXPORT_MAX_ROWS
        if proposals.order_by().values("pk")[: limit + 1].count() > limit:
            return Response(
                {
                    "detail": _(
                        "Utvalget har mer enn %(limit)s forslag, for mange til én nedlasting. "
                        "Del det opp med filtre (område, kategori, dato), eller lag filen "
                        "i arbeidsflaten for planleggere."
                    )
                    % {"limit": f"{limit:,}".replace(",", " ")}
                },
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        options = {
            "srid": crs,
            "include_email": request.user is not None
            and request.user.has_perm("mapping.view_author_email"),
            "tags": selectors.tag_list_visible(user=request.user),
        }
        content_type, extension = FORMATS[output]
        # Written whole before the first byte goes out: a failure is an error, never a file cut
        # short (and the open file outlives its folder). At the limit it takes about 9 s
        # (bench/abuse.py), well inside the worker's 30 s.
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"forslag.{extension}"
            exporters.export_write(proposals, output, path, **options)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response = FileResponse(
                path.open("rb"),
                content_type=content_type,
                as_attachment=True,
                filename=f"fremtidskart-forslag-{stamp}-epsg{crs}.{extension}",
            )
        # Authors' addresses are not compressed (config.compression: BREACH).
        response.carries_secret = options["include_email"]
        return response
