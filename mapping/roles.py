"""The planners group and its permissions."""

from django.contrib.auth.models import Group, Permission

PLANNERS_GROUP = "planners"
PLANNER_PERMISSIONS = ["use_workspace", "moderate_proposal", "answer_proposal"]


def planner_group_ensure() -> Group:
    """Create the `planners` group with the workspace, moderation and answer permissions.

    Seeing authors' e-mail addresses (`view_author_email`) is granted separately, per person.
    """
    group, _ = Group.objects.get_or_create(name=PLANNERS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="mapping", codename__in=PLANNER_PERMISSIONS
        )
    )
    return group
