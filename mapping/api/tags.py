"""Planners' coding: a campaign's tags, tagging one proposal or a whole filtered set."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from mapping import selectors, services
from mapping.api.permissions import require_perm
from mapping.api.proposal_actions import ProposalActionApi
from mapping.api.serializers import TagSerializer
from mapping.filters import proposal_filter, query_from_body
from mapping.models import Proposal, Tag

planners = [require_perm("mapping.use_workspace")]


def managed_tag(user, pk: int) -> Tag:
    """A tag of a campaign `user` manages, or 404."""
    return get_object_or_404(Tag, pk=pk, campaign__in=selectors.managed_campaigns(user))


class TagListApi(APIView):
    """A campaign's tags (`?campaign=`, default the current one) with their counts; planners see
    every tag, others the public ones. POST (planners) adds one: {"campaign", "name", "public"}."""

    def get_permissions(self):
        return [p() for p in planners] if self.request.method == "POST" else []

    @extend_schema(
        parameters=[OpenApiParameter("campaign", int)], responses={200: TagSerializer(many=True)}
    )
    def get(self, request):
        campaign = selectors.campaign_for_stats(request.query_params.get("campaign"))
        tags = selectors.tag_list_visible(user=request.user).filter(campaign=campaign)
        counted = tags.annotate(count=Count("proposals"))
        return Response(TagSerializer(counted, many=True).data)

    @extend_schema(request=TagSerializer, responses={201: TagSerializer})
    def post(self, request):
        serializer = TagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not selectors.manages(request.user, data["campaign"].pk):
            raise NotFound  # another place's campaign
        tag = services.tag_create(
            campaign=data["campaign"], name=data["name"], is_public=data["is_public"]
        )
        tag.count = 0
        return Response(TagSerializer(tag).data, status=status.HTTP_201_CREATED)


class TagProposalsApi(APIView):
    """Planners tag every proposal of a filtered set: the body holds the list's filters, as for
    search ({"area": ["320114"], "category": ["bolig"]}, or {} for all)."""

    permission_classes = planners

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={200: OpenApiResponse(description='{"tagged": n, "count": total}')},
    )
    def post(self, request, pk: int):
        tag = managed_tag(request.user, pk)
        proposals = proposal_filter(
            query_from_body(request.data), user=request.user, managed=True
        ).qs
        tagged = services.proposals_tag(tag=tag, proposals=proposals)
        return Response({"tagged": tagged, "count": tag.proposals.count()})


class ProposalTagApi(ProposalActionApi):
    """Planners tag one proposal (PUT) or take the tag off (DELETE)."""

    permission_classes = planners

    def tag(self) -> Tag:
        return managed_tag(self.request.user, self.kwargs["tag"])

    @extend_schema(request=None, responses={204: None})
    def put(self, request, pk: int, tag: int):
        services.proposals_tag(
            tag=self.tag(), proposals=Proposal.objects.filter(pk=self.proposal().pk)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int, tag: int):
        services.proposal_untag(tag=self.tag(), proposal=self.proposal())
        return Response(status=status.HTTP_204_NO_CONTENT)
