"""Traceable outcomes: the plans and cases of a campaign, and linking proposals to them."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from mapping import selectors, services
from mapping.api.permissions import require_perm
from mapping.api.proposal_actions import ProposalActionApi
from mapping.api.proposals import proposal_detail_response
from mapping.api.serializers import OutcomeSerializer, ProposalDetailSerializer
from mapping.filters import proposal_filter, query_from_body
from mapping.models import Outcome, Proposal

deciders = [require_perm("mapping.answer_proposal")]


class OutcomeListApi(APIView):
    """A campaign's plans and cases (`?campaign=`, default the current one), public. POST
    (planners) adds one: {"campaign", "name", "case_number", "url", "decided_on"}."""

    def get_permissions(self):
        return [p() for p in deciders] if self.request.method == "POST" else []

    @extend_schema(
        parameters=[OpenApiParameter("campaign", int)],
        responses={200: OutcomeSerializer(many=True)},
    )
    def get(self, request):
        campaign = selectors.campaign_for_stats(request.query_params.get("campaign"))
        return Response(
            OutcomeSerializer(selectors.outcome_list(campaign=campaign), many=True).data
        )

    @extend_schema(request=OutcomeSerializer, responses={201: OutcomeSerializer})
    def post(self, request):
        serializer = OutcomeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not selectors.manages(request.user, serializer.validated_data["campaign"].pk):
            raise NotFound  # another place's campaign
        outcome = services.outcome_create(**serializer.validated_data)
        return Response(OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)


class OutcomeProposalsApi(APIView):
    """Planners link every proposal of a filtered set to the outcome (the body holds the list's
    filters, e.g. {"tag": ["skolevei"]} for a tag, {"id": "1,2,3"} for a hotspot's proposals).
    Their authors and followers are told."""

    permission_classes = deciders

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={200: OpenApiResponse(description='{"linked": n, "count": total}')},
    )
    def post(self, request, pk: int):
        outcome = get_object_or_404(
            Outcome, pk=pk, campaign__in=selectors.managed_campaigns(request.user)
        )
        proposals = proposal_filter(
            query_from_body(request.data), user=request.user, managed=True
        ).qs
        linked = services.proposals_link_outcome(outcome=outcome, proposals=proposals)
        return Response({"linked": linked, "count": outcome.proposals.count()})


class ProposalOutcomeSerializer(serializers.Serializer):
    outcome = serializers.PrimaryKeyRelatedField(queryset=Outcome.objects.all(), allow_null=True)


class ProposalOutcomeApi(ProposalActionApi):
    """Planners link one proposal to an outcome, or unlink it ({"outcome": null})."""

    permission_classes = deciders

    @extend_schema(request=ProposalOutcomeSerializer, responses={200: ProposalDetailSerializer})
    def put(self, request, pk: int):
        serializer = ProposalOutcomeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = serializer.validated_data["outcome"]
        if outcome and not selectors.manages(request.user, outcome.campaign_id):
            raise NotFound  # another place's outcome
        services.proposals_link_outcome(
            outcome=outcome,
            proposals=Proposal.objects.filter(pk=self.proposal().pk),
        )
        return proposal_detail_response(request, pk)
