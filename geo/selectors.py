"""Read access to areas for other apps."""

from geo.models import Area


def area_attributions() -> list[str]:
    """The distinct attribution lines of every loaded area layer, for display beside the map."""
    return list(
        Area.objects.exclude(attribution="")
        .order_by("attribution")
        .values_list("attribution", flat=True)
        .distinct()
    )
