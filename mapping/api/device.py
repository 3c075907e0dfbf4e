"""The browser's proof that it is one (mapping/proof.py): a challenge, and its solution."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from mapping.admission import attempt_admit
from mapping.api.throttling import same_site_or_refuse
from mapping.device import device_cookie_set
from mapping.proof import proof_challenge, proof_check

DEVICE_STATE = inline_serializer(
    "DeviceState",
    {
        "proven": serializers.BooleanField(),
        "challenge": serializers.DictField(allow_null=True),
    },
)


class ProofSerializer(serializers.Serializer):
    salt = serializers.CharField(max_length=64)
    signature = serializers.CharField(max_length=64)
    number = serializers.IntegerField(min_value=0, max_value=2**53)


class DeviceProofApi(APIView):
    """GET: whether this browser has proved itself, else a challenge for it. POST: the solution;
    an address proves at most FREMTIDSKART_PROOFS_PER_HOUR browsers, beyond that they stay
    unproven (their writes are held for moderation, never lost)."""

    @extend_schema(responses={200: DEVICE_STATE})
    def get(self, request):
        proven = request.device_proven
        challenge = None if proven else proof_challenge(token=request.device_token)
        response = Response({"proven": proven, "challenge": challenge})
        if request.device_is_new:  # the challenge is for this token: the browser must keep it
            device_cookie_set(response, request, request.device_token, proven=False)
        return response

    @extend_schema(request=ProofSerializer, responses={200: DEVICE_STATE})
    def post(self, request):
        same_site_or_refuse(request)
        serializer = ProofSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if request.device_is_new or not proof_check(
            token=request.device_token, **serializer.validated_data
        ):
            raise ValidationError({"number": [_("Beviset stemmer ikke. Last siden på nytt.")]})
        if request.device_proven:
            return Response({"proven": True, "challenge": None})
        over = attempt_admit(
            request, "proofs", limit=settings.FREMTIDSKART_PROOFS_PER_HOUR, window_s=3600
        )
        if over:
            return Response({"proven": False, "challenge": None})
        response = Response({"proven": True, "challenge": None})
        device_cookie_set(response, request, request.device_token, proven=True)
        return response
