"""Proposal pages that need no map: the list, the permalink page, and adding without a map.

Every action here (support, comment, report, create) is a plain form post, so it works by
keyboard and screen reader and without JavaScript.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.gis.geos import LineString
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from frontend.forms import CommentForm, FlagForm, FollowForm, ProposalForm
from frontend.views.common import too_many_requests
from geo.models import Area
from geo.selectors import area_list, location_area, location_point
from mapping import geojson_sql, selectors, services
from mapping.admission import admit
from mapping.list_query import list_query
from mapping.models import Proposal
from mapping.shapes import size_text
from mapping.submission import Flood, proposal_submit

PAGE_SIZE = 20


class BoundedPaginator(Paginator):
    """Counts at most geojson_sql.COUNT_CAP rows, so a page never counts a million."""

    @cached_property
    def count(self):
        return geojson_sql.bounded_count(self.object_list)[0]


def _visible_proposal(request, pk: int) -> Proposal:
    """The proposal a form posts to (support, comment, report), with its campaign."""
    proposals = selectors.proposal_list_visible(user=request.user).select_related("campaign")
    return get_object_or_404(proposals, pk=pk)


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def proposal_list_page(request):
    """Every published proposal as a list with the map's filters: the map's text alternative."""
    campaign = selectors.campaign_for_page(slug=request.GET.get("kampanje"))
    params = request.GET.copy()
    if campaign and "campaign" not in params:
        params["campaign"] = str(campaign.pk)
    try:
        query = list_query(params, user=None)
        proposals, errors = query.proposals.order_by(*query.order.keys()), {}
    except ValidationError as error:  # named above the list, which is empty
        proposals, errors = Proposal.objects.none(), error.message_dict
    paginator = BoundedPaginator(proposals, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("side") or 1)
    except InvalidPage:
        raise Http404(_("Ingen slik side i listen.")) from None
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "frontend/proposal_list.html",
        {
            "campaign": campaign,
            "campaigns": selectors.campaign_list(),
            "categories": selectors.category_list(campaign=campaign),
            "delomrader": area_list(kind=Area.Kind.DELOMRADE),
            "errors": errors,
            "page": page,
            "query": query.urlencode(),
            "selected_categories": request.GET.getlist("category"),
        },
        status=400 if errors else 200,
    )


def proposal_page(request, pk: int, comment_form=None, follow_form=None, status=200):
    """One proposal: text, photos, status, answer and outcome, the duplicates merged into it,
    supports, following, comments; OpenGraph meta. A merged duplicate's address leads on to the
    proposal it was merged into, where its own text is shown."""
    proposal = selectors.proposal_for_page(pk=pk, user=request.user)
    if proposal is None:
        raise Http404
    if proposal.merged_into_id:
        return redirect(
            reverse("proposal-page", args=[proposal.merged_into_id]) + f"#forslag-{proposal.pk}"
        )
    return render(
        request,
        "frontend/proposal_detail.html",
        {
            "proposal": proposal,
            "areas": proposal.shown_areas,
            "photos": proposal.photos.all(),
            "history": proposal.status_changes.all(),
            "comments": selectors.comment_list_visible(proposal=proposal, user=None),
            "comment_form": comment_form or CommentForm(),
            "follow_form": follow_form or FollowForm(),
            "merged": proposal.merged.all(),
            "flag_form": FlagForm(),
            "campaign_open": proposal.campaign.is_open(),
            "page_url": request.build_absolute_uri(),
            "size": size_text(proposal),
            "map_config": {
                "basemap": settings.BASEMAP,
                "point": {"lon": proposal.location.x, "lat": proposal.location.y},
                "shape": json.loads(proposal.shape.json) if proposal.shape else None,
            },
        },
        status=status,
    )


@require_POST
def proposal_support_post(request, pk: int):
    proposal = _visible_proposal(request, pk)
    admission = admit(request, "supports")
    if admission.wait_s:
        return too_many_requests(request, admission.wait_s)
    try:
        support = services.proposal_support(proposal=proposal, **admission.writer("supporter"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_back(request, reverse("proposal-page", args=[pk])))
    if support is None:
        messages.success(request, _("Du har allerede støttet dette forslaget."))
    elif support.counted:
        messages.success(request, _("Takk for støtten!"))
    else:
        messages.success(request, _("Takk! Støtten din telles når kommunen har sett på den."))
    return redirect(_back(request, reverse("proposal-page", args=[pk])))


@require_POST
def proposal_comment_post(request, pk: int):
    proposal = _visible_proposal(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return proposal_page(request, pk, comment_form=form, status=400)
    admission = admit(request, "comments")
    if admission.wait_s:
        return too_many_requests(request, admission.wait_s)
    try:
        comment = services.comment_create(
            proposal=proposal,
            body=form.cleaned_data["body"],
            display_name=form.cleaned_data["name"],
            hold_reason=admission.hold_reason,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("proposal-page", pk=pk)
    if comment.visibility == Proposal.Visibility.PUBLISHED:
        messages.success(request, _("Takk! Kommentaren din er publisert."))
    else:
        messages.success(request, _("Takk! Kommentaren vises når den er godkjent."))
    return redirect(reverse("proposal-page", args=[pk]) + "#kommentarer")


@require_POST
def flag_post(request, pk: int, comment_pk: int | None = None):
    """A report on a proposal, or on one of its comments."""
    proposal = _visible_proposal(request, pk)
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv hva som er galt, så ser kommunen på det."))
        return redirect("proposal-page", pk=pk)
    admission = admit(request, "flags")
    if admission.wait_s:
        return too_many_requests(request, admission.wait_s)
    writer = admission.writer("reporter")
    if comment_pk is None:
        services.proposal_flag(proposal=proposal, reason=form.cleaned_data["reason"], **writer)
    else:
        comments = selectors.comment_list_visible(proposal=proposal, user=None)
        comment = get_object_or_404(comments, pk=comment_pk)
        services.comment_flag(comment=comment, reason=form.cleaned_data["reason"], **writer)
    messages.success(request, _("Takk! Kommunen ser på det du rapporterte."))
    return redirect("proposal-page", pk=pk)


@require_POST
def proposal_follow_post(request, pk: int):
    """Ask to follow the proposal by e-mail; the address must confirm (double opt-in)."""
    proposal = _visible_proposal(request, pk)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return proposal_page(request, pk, follow_form=form, status=400)
    admission = admit(request, "follows")
    if admission.wait_s:
        return too_many_requests(request, admission.wait_s)
    services.follower_create(proposal=proposal, email=form.cleaned_data["email"])
    messages.success(request, _("Sjekk e-posten din og bekreft at du vil følge forslaget."))
    return redirect(reverse("proposal-page", args=[pk]) + "#folg")


def follow_confirm_page(request, token: str):
    """The link in the confirmation e-mail: a button, so that a mail scanner opening the link
    does not confirm for the reader."""
    if request.method == "POST":
        follower = services.follower_confirm(token=token)
        if follower is None:
            raise Http404
        messages.success(request, _("Takk! Du får e-post når forslaget endrer status."))
        return redirect("proposal-page", pk=follower.proposal_id)
    follower = selectors.follower_by_token(token)
    if follower is None:
        raise Http404
    return render(request, "frontend/follow.html", {"follower": follower, "action": "confirm"})


@csrf_exempt  # mail clients POST here without a session (RFC 8058); the token is the key
def follow_unsubscribe_page(request, token: str):
    """Stop following: one click on the page, or one POST from the mail client (RFC 8058)."""
    if request.method == "POST":
        proposal = services.follower_remove(token=token)
        if proposal is None:
            return render(request, "frontend/follow.html", {"action": "gone"})
        messages.success(request, _("Du følger ikke lenger forslaget. Adressen er slettet."))
        return redirect("proposal-page", pk=proposal.pk)
    follower = selectors.follower_by_token(token)
    if follower is None:
        return render(request, "frontend/follow.html", {"action": "gone"})
    return render(request, "frontend/follow.html", {"follower": follower, "action": "unsubscribe"})


def proposal_create_page(request):
    """Add a proposal without the map: its point is set from a chosen place or area."""
    campaign = selectors.campaign_for_page(slug=request.GET.get("kampanje"))
    if campaign is None:
        raise Http404
    form = ProposalForm(request.POST or None, request.FILES or None, campaign=campaign)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                proposal = _create_from_form(request, form, campaign)
            except Flood as flood:
                return too_many_requests(request, flood.wait_s)
            if proposal:
                if proposal.visibility == Proposal.Visibility.PUBLISHED:
                    messages.success(request, _("Takk! Forslaget ditt er publisert."))
                    return redirect("proposal-page", pk=proposal.pk)
                messages.success(request, _("Takk! Forslaget ditt vises når det er godkjent."))
                return redirect("map")
    return render(
        request,
        "frontend/proposal_form.html",
        {"form": form, "campaign": campaign, "campaign_open": campaign.is_open()},
        status=status,
    )


FORM_FIELDS = {"geometry": "location", "campaign": None, "photos": "photos"}


def _form_geometry(form: ProposalForm):
    """The chosen place's point, the chosen area whole, or a line from the place to another;
    None, with the reason on the form, where the choices do not make one."""
    data = form.cleaned_data
    point = location_point(data["location"])
    if point is None:
        form.add_error("location", _("Velg et sted eller område fra listen."))
        return None
    if data["shape"] == "area":
        area = location_area(data["location"])
        if area is None:
            form.add_error(
                "shape", _("Velg et område (ikke et sted) for å foreslå noe for hele det.")
            )
        return area
    if data["shape"] == "line":
        end = location_point(data["line_to"] or "")
        if end is None or end.equals(point):
            form.add_error("line_to", _("Velg et annet sted eller område linjen går til."))
            return None
        return LineString(point, end, srid=4326)
    return point


def _create_from_form(request, form: ProposalForm, campaign) -> Proposal | None:
    """Submit the valid form (mapping.submission); put refusals on the form's fields and return
    None. A flood is left to the caller (Flood)."""
    data = form.cleaned_data
    geometry = _form_geometry(form)
    if geometry is None:
        return None
    try:
        return proposal_submit(
            request,
            uploads=data["photos"],
            campaign=campaign,
            category=data["category"],
            title=data["title"],
            body=data["body"],
            geometry=geometry,
            display_name=data["name"],
            email=data["email"],
            is_approximate=data["shape"] != "area",  # an area is itself; a place's point is not
            channel=Proposal.Channel.FORM,
            age_band=data["age_band"],
            relation=data["relation"],
        )
    except ValidationError as error:
        for key, field_messages in error.message_dict.items():
            form.add_error(FORM_FIELDS.get(key, key), field_messages)
        return None
