"""Template context every page gets."""

from django.utils.functional import SimpleLazyObject

from geo.selectors import area_attributions


def attributions(request):
    """The data attribution lines (CC BY 4.0 requires them wherever the data is shown)."""
    return {"attributions": SimpleLazyObject(area_attributions)}
