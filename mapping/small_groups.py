"""No group of fewer than 5 people is ever shown: in statistics, exports and API answers a
smaller count is replaced by "fewer than 5". Zero is shown as it is: it describes no one."""

MIN_GROUP = 5


def group_count(count: int) -> dict:
    """A count as the statistics show it: {"count": n}, or {"count": null, "fewer_than": 5}."""
    if 0 < count < MIN_GROUP:
        return {"count": None, "fewer_than": MIN_GROUP}
    return {"count": count}
