"""Input reports and exports of any size: planners ask for one from the workspace's filters,
follow its progress and download the file."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from mapping import services
from mapping.api.permissions import require_perm
from mapping.filters import proposal_filter, query_from_body
from mapping.models import Report

planners = [require_perm("mapping.use_workspace")]


class ReportSerializer(serializers.ModelSerializer):
    """A report asked for: its state and progress, and where to fetch the file when done."""

    url = serializers.SerializerMethodField()
    filters = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        default=dict,
        help_text='The list\'s filters, as for search: {"area": ["320114"], "tag": ["skolevei"]}',
    )

    class Meta:
        model = Report
        fields = [
            "id",
            "filters",
            "format",
            "language",
            "crs",
            "table",
            "state",
            "progress",
            "proposal_count",
            "error",
            "created_at",
            "finished_at",
            "url",
        ]
        read_only_fields = [
            f for f in fields if f not in ("filters", "format", "language", "crs", "table")
        ]

    def get_url(self, report) -> str | None:
        if report.state != Report.State.DONE:
            return None
        path = reverse("report-file", args=[report.pk])
        return self.context["request"].build_absolute_uri(path)


class ReportListApi(APIView):
    """POST asks for a report of the filtered set ({"filters", "format": "docx"|"pdf",
    "language": "nb"|"nn", "table": "auto"|"proposals"|"themes"|"tags"}), or an export of it
    of any size ("format": "geojson"|"csv"|"gpkg",
    "crs": 4326|25832); it is built in the background (202). GET lists the planner's own."""

    permission_classes = planners

    @extend_schema(responses={200: ReportSerializer(many=True)})
    def get(self, request):
        reports = Report.objects.filter(requested_by=request.user)[:20]
        return Response(ReportSerializer(reports, many=True, context={"request": request}).data)

    @extend_schema(request=ReportSerializer, responses={202: ReportSerializer})
    def post(self, request):
        serializer = ReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        params = query_from_body(data["filters"])
        # A bad filter is a 400 now, not a failed job.
        proposal_filter(params, user=request.user, managed=True)
        asked = {key: data[key] for key in ("format", "language", "crs", "table") if key in data}
        report = services.report_request(user=request.user, params=params, **asked)
        report.refresh_from_db()
        return Response(
            ReportSerializer(report, context={"request": request}).data,
            status=status.HTTP_202_ACCEPTED,
        )


class ReportDetailApi(APIView):
    """One of the planner's reports: state and progress."""

    permission_classes = planners

    @extend_schema(responses={200: ReportSerializer})
    def get(self, request, pk: int):
        report = get_object_or_404(Report, pk=pk, requested_by=request.user)
        return Response(ReportSerializer(report, context={"request": request}).data)


class ReportFileApi(APIView):
    """The finished file, for the planner who asked for it."""

    permission_classes = planners

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="DOCX, PDF, GeoJSON, CSV or GeoPackage"
            )
        }
    )
    def get(self, request, pk: int):
        report = get_object_or_404(
            Report, pk=pk, requested_by=request.user, state=Report.State.DONE
        )
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.filename)
