"""Workshops and kiosks: planners create an event and show its link, code and QR code; residents
join by link or code; a shared tablet becomes the event's kiosk until a planner ends it."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontend.forms import EventForm
from frontend.views.common import too_many_requests
from geo.models import Area
from mapping import selectors, services
from mapping.admission import attempt_admit
from mapping.device import (
    device_token_renew,
    event_cookie_clear,
    event_cookie_read,
    event_cookie_set,
)
from mapping.models import Event
from mapping.small_groups import group_count


def _map_url(event: Event) -> str:
    return f"{reverse('map')}?kampanje={event.campaign.slug}"


@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
def event_list_page(request):
    """A campaign's events with their counts, and the form for a new one: the campaign asked
    for (`?kampanje=<id>`) among those of the planner's places, else the current one of them."""
    campaign = selectors.campaign_for_stats(
        request.GET.get("kampanje"), among=selectors.managed_campaigns(request.user)
    )
    if campaign is None:
        raise Http404(_("Du er ikke planlegger for noen kampanje."))
    areas = Area.objects.filter(kind=Area.Kind.DELOMRADE, place=campaign.boundary.place)
    form = EventForm(request.POST or None, areas=areas.order_by("name"))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                event = services.event_create(
                    campaign=campaign, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                for key, field_messages in error.message_dict.items():
                    field = "focus_point" if key == "geometry" else key  # outside the boundary
                    form.add_error(field if field in form.fields else None, field_messages)
            else:
                return redirect("event-page", pk=event.pk)
    events = [
        (event, group_count(event.proposal_count))
        for event in selectors.event_list(campaign=campaign)
    ]
    return render(
        request,
        "frontend/events.html",
        {
            "form": form,
            "events": events,
            "campaign": campaign,
            "campaigns": selectors.managed_campaigns(request.user).order_by("-opens_at"),
        },
        status=status,
    )


@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
def event_page(request, pk: int):
    """For the projector: the event's code, link and QR code, large."""
    managed = selectors.managed_campaigns(request.user)
    event = get_object_or_404(Event.objects.select_related("campaign"), pk=pk, campaign__in=managed)
    link = request.build_absolute_uri(reverse("event-join", args=[event.code]))
    qr = segno.make(link, error="m")
    return render(
        request,
        "frontend/event.html",
        {
            "event": event,
            "link": link,
            "qr_svg": qr.svg_inline(scale=8, omitsize=True, title=_("QR-kode til verkstedet")),
            "kiosk_url": reverse("event-kiosk", args=[event.code]),
        },
    )


def _code_form(request, code: str = ""):
    """The page to type a code on; with a code, saying no running event has it (404), and
    after FREMTIDSKART_CODE_TRIES wrong ones from an address, that it must wait (429)."""
    wait_s = code and _wrong_code(request)
    if wait_s:
        return too_many_requests(request, wait_s)
    return render(
        request,
        "frontend/event_code.html",
        {"code": code, "unknown": bool(code)},
        status=404 if code else 200,
    )


def _wrong_code(request) -> int | None:
    """Count a wrong code from this address: the seconds to wait once there were too many."""
    return attempt_admit(
        request,
        "codes",
        limit=settings.FREMTIDSKART_CODE_TRIES,
        window_s=settings.FREMTIDSKART_CODE_WINDOW_S,
    )


def event_code_page(request):
    """Type the code shown on the projector."""
    code = request.POST.get("code", "") if request.method == "POST" else ""
    event = selectors.event_by_code(code) if code else None
    return redirect("event-join", code=event.code) if event else _code_form(request, code)


def event_join(request, code: str):
    """The link and QR code: this browser belongs to the event until it ends."""
    event = selectors.event_by_code(code)
    if event is None:
        return _code_form(request, code)
    messages.success(request, _("Du er med i «%(name)s». Velkommen!") % {"name": event.name})
    response = redirect(_map_url(event))
    event_cookie_set(response, request, event, kiosk=False)
    return response


def event_kiosk(request, code: str):
    """Make this (shared) tablet the event's kiosk: asked first, then set by a POST."""
    event = selectors.event_by_code(code)
    if event is None:
        return _code_form(request, code)
    if request.method != "POST":
        return render(request, "frontend/event_kiosk.html", {"event": event})
    response = redirect(_map_url(event))
    event_cookie_set(response, request, event, kiosk=True)
    return response


@require_POST
def kiosk_end(request):
    """A planner ends kiosk mode with the event's end code (shown to planners only, never the
    public join code on the projector), or by being logged in as one; a wrong code changes
    nothing, and too many wrong ones from an address wait (429)."""
    joined = event_cookie_read(request)
    event = (
        Event.objects.select_related("campaign").filter(pk=joined[0]).first() if joined else None
    )
    if event is None:
        return redirect(reverse("map"))
    planner = request.user.has_perm("mapping.use_workspace")
    typed = request.POST.get("code", "").replace(" ", "").upper()
    if not planner and not (event.end_code and constant_time_compare(typed, event.end_code)):
        wait_s = _wrong_code(request)
        if wait_s:
            return too_many_requests(request, wait_s)
        messages.error(request, _("Feil kode. Kioskmodus er fortsatt på."))
        return redirect(reverse("map"))
    messages.success(request, _("Kioskmodus er avsluttet."))
    response = redirect(_map_url(event))
    event_cookie_clear(response)
    return response


@require_POST
def kiosk_next(request):
    """The next person at the kiosk: this browser forgets the last one's supports."""
    device_token_renew(request)
    if "application/json" in request.headers.get("Accept", ""):
        return HttpResponse(status=204)
    return redirect(reverse("map"))
