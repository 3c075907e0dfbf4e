"""No group of fewer than 5 people is ever shown: in statistics, exports and API answers a
smaller count is replaced by "fewer than 5". Zero is shown as it is: it describes no one."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MIN_GROUP = 5


def group_count(count: int) -> dict:
    """A count as the statistics show it: {"count": n}, or {"count": null, "fewer_than": 5}."""
    if 0 < count < MIN_GROUP:
        return {"count": None, "fewer_than": MIN_GROUP}
    return {"count": count}


def group_text(count: int) -> str:
    """A count as a reader sees it in the active language: "fewer than 5" for a group too small
    to show, else the number with the language's thousands separator ("10 262")."""
    if 0 < count < MIN_GROUP:
        return _("færre enn %(n)d") % {"n": MIN_GROUP}
    return number_format(count, force_grouping=True)
