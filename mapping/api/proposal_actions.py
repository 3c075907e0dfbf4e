"""What residents and planners do to one proposal: support, comment, report, and the planners'
status with its answer and moderation. Each calls its service; domain errors become 400s in the
API's exception handler."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from mapping import selectors, services
from mapping.api.permissions import require_perm
from mapping.api.proposals import proposal_detail_response
from mapping.api.serializers import (
    CommentSerializer,
    FlagSerializer,
    ModerationSerializer,
    ProposalDetailSerializer,
    ProposalStatusSerializer,
)
from mapping.api.throttling import WritesAdmitted


class ProposalActionApi(APIView):
    """A view on one proposal of a campaign the planner manages, or where not `managed` (what
    anyone may do: support, report, comment) one the user may see; 404 otherwise."""

    managed = True

    def proposal(self):
        user = self.request.user
        if self.managed:
            proposals = selectors.proposal_list_managed(user=user)
        else:
            proposals = selectors.proposal_list_visible(user=user)
        return get_object_or_404(proposals.select_related("campaign"), pk=self.kwargs["pk"])


class PlannerDecisionApi(ProposalActionApi):
    """A planner's decision on the proposal: validated by `serializer_class`, made by `decide`
    (a service), answered with the proposal as it is now."""

    serializer_class: type
    decide: staticmethod

    def post(self, request, pk: int):
        serializer = self.serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.decide(proposal=self.proposal(), user=request.user, **serializer.validated_data)
        return proposal_detail_response(request, pk)


@extend_schema_view(
    post=extend_schema(request=ProposalStatusSerializer, responses={200: ProposalDetailSerializer})
)
class ProposalStatusApi(PlannerDecisionApi):
    """A planner sets the status with a public answer; the author is told by e-mail."""

    permission_classes = [require_perm("mapping.answer_proposal")]
    serializer_class = ProposalStatusSerializer
    decide = staticmethod(services.proposal_set_status)


@extend_schema_view(
    post=extend_schema(request=ModerationSerializer, responses={200: ProposalDetailSerializer})
)
class ProposalModerationApi(PlannerDecisionApi):
    """A moderator approves, hides (with a reason) or re-publishes the proposal."""

    permission_classes = [require_perm("mapping.moderate_proposal")]
    serializer_class = ModerationSerializer
    decide = staticmethod(services.proposal_moderate)


class ProposalFlagApi(WritesAdmitted, ProposalActionApi):
    """A resident reports the proposal."""

    managed = False
    throttle_scope = "flags"

    @extend_schema(
        request=FlagSerializer, responses={201: OpenApiResponse(description="Report received")}
    )
    def post(self, request, pk: int):
        serializer = FlagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.proposal_flag(
            proposal=self.proposal(),
            reason=serializer.validated_data["reason"],
            **self.admission.writer("reporter"),
        )
        return Response(
            {"detail": _("Takk! Kommunen ser på forslaget.")}, status=status.HTTP_201_CREATED
        )


class ProposalSupportApi(WritesAdmitted, ProposalActionApi):
    """Support a proposal once per browser (its device token), limited per browser and address.
    `counted` says whether the public count grew: a browser that has not proved itself, or one
    held by the limits, is kept for planners but not counted."""

    managed = False
    throttle_scope = "supports"

    @extend_schema(
        request=None,
        responses={
            200: OpenApiResponse(description="Already supported from this browser"),
            201: OpenApiResponse(description="Support stored; `counted` says if it counts"),
        },
    )
    def post(self, request, pk: int):
        proposal = self.proposal()
        with transaction.atomic():  # the count is read before the commit, as a create's answer
            support = services.proposal_support(
                proposal=proposal, **self.admission.writer("supporter")
            )
            proposal.refresh_from_db(fields=["support_count"])
        counted = support is not None and support.counted
        return Response(
            {"support_count": proposal.support_count, "supported": True, "counted": counted},
            status=status.HTTP_200_OK if support is None else status.HTTP_201_CREATED,
        )


class RobustnessSerializer(serializers.Serializer):
    """How far the proposal's public numbers can be trusted (planners only)."""

    supports = serializers.DictField(help_text="counted, held, networks, burst")
    reports = serializers.DictField(help_text="total, held, browsers, networks, reviewed")


class ProposalRobustnessApi(ProposalActionApi):
    """Supports counted and held, from how many networks, in a burst or not; reports from how
    many browsers and networks (held ones apart), and whether a moderator has looked."""

    permission_classes = [require_perm("mapping.use_workspace")]

    @extend_schema(responses={200: RobustnessSerializer})
    def get(self, request, pk: int):
        return Response(selectors.proposal_robustness(proposal=self.proposal()))


class ProposalSupportsAcceptApi(ProposalActionApi):
    """A moderator counts the proposal's held supports after all (logged)."""

    permission_classes = [require_perm("mapping.moderate_proposal")]

    @extend_schema(request=None, responses={200: RobustnessSerializer})
    def post(self, request, pk: int):
        proposal = self.proposal()
        services.proposal_supports_accept(proposal=proposal, user=request.user)
        proposal.refresh_from_db()
        return Response(selectors.proposal_robustness(proposal=proposal))


class ProposalCommentsApi(WritesAdmitted, ProposalActionApi):
    """The proposal's comments; POST adds one (plain text, at most 1,000 characters)."""

    managed = False
    throttle_scope = "comments"

    @extend_schema(responses={200: CommentSerializer(many=True)})
    def get(self, request, pk: int):
        comments = selectors.comment_list_visible(proposal=self.proposal(), user=request.user)
        return Response(CommentSerializer(comments, many=True).data)

    @extend_schema(request=CommentSerializer, responses={201: CommentSerializer})
    def post(self, request, pk: int):
        proposal = self.proposal()
        serializer = CommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_create(
            proposal=proposal,
            body=serializer.validated_data["body"],
            display_name=serializer.validated_data["display_name"],
            hold_reason=self.admission.hold_reason,
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
