"""Planners' personal API keys for their own GIS (the OGC API under /ogc/): make one, see it
once, and revoke it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontend.forms import ApiTokenForm
from mapping import selectors, services


@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
def api_token_list_page(request):
    """The planner's keys, the form for a new one, and the new key, shown once."""
    form = ApiTokenForm(request.POST or None)
    new_key, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            _token, new_key = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
            form = ApiTokenForm()
        else:
            status = 400
    response = render(
        request,
        "frontend/api_tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": selectors.api_tokens_of(request.user),
            "ogc_url": request.build_absolute_uri(reverse("ogc-landing")),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"  # the page may hold a key
    return response


@require_POST
@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
def api_token_revoke(request, pk: int):
    if services.api_token_revoke(user=request.user, pk=pk):
        messages.success(request, _("Nøkkelen er trukket tilbake og virker ikke lenger."))
    return redirect("api-tokens")
