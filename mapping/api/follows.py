"""Following a proposal by e-mail: the request that starts the double opt-in."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from mapping import services
from mapping.api.proposal_actions import ProposalActionApi
from mapping.api.throttling import WritesAdmitted
from mapping.models import Follower, max_length


class FollowSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=max_length(Follower, "email"))


class ProposalFollowApi(WritesAdmitted, ProposalActionApi):
    """Follow the proposal: the address gets a link to confirm; after that, an e-mail whenever
    the proposal's status or outcome changes, each with a one-click unsubscribe link."""

    managed = False

    throttle_scope = "follows"

    @extend_schema(
        request=FollowSerializer,
        responses={202: OpenApiResponse(description="Confirmation e-mail sent")},
    )
    def post(self, request, pk: int):
        serializer = FollowSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.follower_create(proposal=self.proposal(), email=serializer.validated_data["email"])
        # The same answer whether the address already followed: it does not reveal who follows.
        return Response(
            {"detail": _("Sjekk e-posten din og bekreft at du vil følge forslaget.")},
            status=status.HTTP_202_ACCEPTED,
        )
