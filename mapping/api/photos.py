"""Photo files, served only while their proposal is public (or to moderators)."""

from django.http import FileResponse, Http404
from django.urls import reverse

from mapping import selectors


def photo_url_base(request) -> str:
    """The absolute address a photo's id is appended to (ending in "/"): the detail statement
    builds its photo URLs from it in SQL."""
    return request.build_absolute_uri(reverse("photo-file", args=[0])).removesuffix("0/")


def photo_file(request, pk: int, thumbnail: bool = False):
    """The photo (or its thumbnail); 404 unless the viewer may see its proposal."""
    photo = selectors.photo_visible(pk=pk, user=request.user)
    if photo is None:
        raise Http404
    field = photo.thumbnail if thumbnail else photo.image
    try:
        response = FileResponse(field.open("rb"))
    except FileNotFoundError:
        raise Http404 from None
    # Hidden later, a photo leaves shared caches within minutes; moderators' views stay private.
    response["Cache-Control"] = (
        "private, no-store" if selectors.can_moderate(request.user) else "public, max-age=600"
    )
    return response
