"""DRF permission classes for planner endpoints."""

from rest_framework.permissions import BasePermission


def require_perm(perm: str) -> type[BasePermission]:
    """A permission class that lets through users holding the Django permission `perm`."""

    class HasPerm(BasePermission):
        def has_permission(self, request, view):
            return request.user is not None and request.user.has_perm(perm)

    HasPerm.__name__ = f"Has_{perm.replace('.', '_')}"
    return HasPerm
