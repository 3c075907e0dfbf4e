"""`tr`: a campaign's or category's text in the visitor's language (bokmål if untranslated);
`attribution`: the footer naming the shown place's data sources."""

from django import template

from geo.selectors import area_attributions

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    return obj.translated(field)


@register.filter
def trlang(obj, field: str) -> str:
    """The language tr() falls back to, for a lang attribute on the element."""
    return obj.translated_language(field)


@register.inclusion_tag("frontend/_attribution.html")
def attribution(campaign):
    """The data attribution lines of the campaign's place (CC BY 4.0 requires them wherever its
    data is shown); another place's sources are not named."""
    return {"attributions": area_attributions(area=campaign.boundary if campaign else None)}
