"""The comments resource: residents report comments, moderators approve or hide them."""

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from mapping import selectors, services
from mapping.api.permissions import require_perm
from mapping.api.serializers import CommentSerializer, FlagSerializer, ModerationSerializer
from mapping.api.throttling import admit_or_refuse
from mapping.models import Comment, Proposal


class CommentViewSet(viewsets.GenericViewSet):
    """Actions on one comment. Comments are listed and added under their proposal."""

    serializer_class = CommentSerializer

    def get_queryset(self):
        comments = Comment.objects.select_related("proposal")
        managed = Q(proposal__campaign__in=selectors.managed_campaigns(self.request.user))
        public = Q(
            visibility=Proposal.Visibility.PUBLISHED,
            proposal__visibility=Proposal.Visibility.PUBLISHED,
        )
        return comments.filter(public | managed)

    def get_permissions(self):
        if self.action == "moderate":
            return [require_perm("mapping.moderate_proposal")()]
        return [AllowAny()]

    @extend_schema(request=FlagSerializer, responses={201: OpenApiResponse(description="Received")})
    @action(detail=True, methods=["post"])
    def flags(self, request, pk=None):
        admission = admit_or_refuse(request, "flags")
        comment = self.get_object()
        serializer = FlagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.comment_flag(
            comment=comment,
            reason=serializer.validated_data["reason"],
            **admission.writer("reporter"),
        )
        return Response(
            {"detail": _("Takk! Kommunen ser på kommentaren.")}, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=ModerationSerializer, responses={200: CommentSerializer})
    @action(detail=True, methods=["post"], url_path="moderation")
    def moderate(self, request, pk=None):
        comment = self.get_object()
        if not selectors.manages(request.user, comment.proposal.campaign_id):
            raise NotFound  # another place's comment: its moderators decide
        serializer = ModerationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.comment_moderate(comment=comment, user=request.user, **serializer.validated_data)
        comment.refresh_from_db()
        return Response(CommentSerializer(comment).data)
