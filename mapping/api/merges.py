"""Duplicates: the hints for a filtered set, merging a group into one proposal and undoing it."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from mapping import services
from mapping.api.permissions import require_perm
from mapping.api.proposal_actions import ProposalActionApi
from mapping.api.proposals import proposal_detail_response
from mapping.api.schema import PROPOSAL_FILTER_PARAMETERS
from mapping.api.serializers import ProposalDetailSerializer
from mapping.duplicates import DEFAULT_DISTANCE_M, duplicate_groups
from mapping.filters import proposal_filter
from mapping.params import number_param

deciders = [require_perm("mapping.answer_proposal")]


class DuplicateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    category = serializers.CharField(source="category.slug")
    support_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class MergeSerializer(serializers.Serializer):
    proposals = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=100
    )


class DuplicateListApi(APIView):
    """Groups of likely duplicates in the filtered set: published proposals within `distance`
    metres (default 50) whose titles and texts are nearly the same. The suggested primary (most
    supported, then oldest) comes first in each group."""

    permission_classes = deciders

    @extend_schema(
        parameters=[
            *PROPOSAL_FILTER_PARAMETERS,
            OpenApiParameter("distance", float, description="metres, 5–500, default 50"),
        ],
        responses={200: DuplicateSerializer(many=True)},
    )
    def get(self, request):
        params = request.query_params.copy()
        distance = number_param(params, "distance", DEFAULT_DISTANCE_M, 5, 500)
        proposals = proposal_filter(params, user=request.user, managed=True).qs
        groups = duplicate_groups(proposals=proposals, distance_m=distance)
        return Response([DuplicateSerializer(group, many=True).data for group in groups])


class ProposalMergeApi(ProposalActionApi):
    """Merge the listed proposals into this one: they keep their text, leave the map and count
    their supports here, each browser once. Logged; undone per duplicate with .../unmerge/."""

    permission_classes = deciders

    @extend_schema(request=MergeSerializer, responses={200: ProposalDetailSerializer})
    def post(self, request, pk: int):
        serializer = MergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.proposals_merge(
            primary=self.proposal(),
            duplicates=serializer.validated_data["proposals"],
            user=request.user,
        )
        return proposal_detail_response(request, pk)


class ProposalUnmergeApi(ProposalActionApi):
    """Undo a merge: this duplicate is published again on its own."""

    permission_classes = deciders

    @extend_schema(
        request=None,
        responses={200: OpenApiResponse(ProposalDetailSerializer, description="The duplicate")},
    )
    def post(self, request, pk: int):
        services.proposal_unmerge(proposal=self.proposal(), user=request.user)
        return proposal_detail_response(request, pk)
