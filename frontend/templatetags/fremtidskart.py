"""`tr`: a campaign's or category's text in the visitor's language (bokmål if untranslated)."""

from django import template

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    return obj.translated(field)


@register.filter
def trlang(obj, field: str) -> str:
    """The language tr() falls back to, for a lang attribute on the element."""
    return obj.translated_language(field)
