"""The hot reads (a map tile, one proposal, a page of the list) without DRF's dispatch.

Measured with cProfile, DRF's dispatch (request wrapping, authentication, permission and
throttle checks, content negotiation) was a fifth of a tile's time in Python, for nothing these
views use. The view class stays what it is: drf-spectacular documents it, and every other
method goes through it. A GET or HEAD calls the class's own `get` with Django's request: the same
user (Django's authentication middleware, as DRF's SessionAuthentication reads it), the same
errors (the API's exception handler, rendered as JSON), and DRF itself where the client accepts
no JSON, so that a 406 stays DRF's 406.

What the shortcut skips must stay empty: a view given its own permission, throttle or
authentication classes is refused when the URLs load (lean_view raises), never silently
bypassed. `request.user` is what DRF would give: the user, or None for the public.
"""

from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.csrf import csrf_exempt
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings

from mapping.api.exceptions import api_exception_handler

SAFE = ("GET", "HEAD")


def _error_response(exc: Exception, request, view):
    response = api_exception_handler(exc, {"request": request, "view": view})
    if response is None:  # not an API error: the middleware's (a 503) or the server's (a 500)
        raise exc
    response.accepted_renderer = JSONRenderer()
    response.accepted_media_type = JSONRenderer.media_type
    response.renderer_context = {"request": request, "response": response}
    return response.render()


# What DRF's dispatch would apply and the shortcut does not: each must be the project's default.
SKIPPED_POLICIES = {
    "permission_classes": "DEFAULT_PERMISSION_CLASSES",
    "throttle_classes": "DEFAULT_THROTTLE_CLASSES",
    "authentication_classes": "DEFAULT_AUTHENTICATION_CLASSES",
}


def _refuse_own_policies(view_class) -> None:
    for attribute, default in SKIPPED_POLICIES.items():
        if list(getattr(view_class, attribute)) != list(getattr(api_settings, default)):
            raise ImproperlyConfigured(
                f"{view_class.__name__} sets {attribute}, which lean_view's GET would skip: "
                "serve it with as_view(), or check it inside get()."
            )


def lean_view(view_class):
    """The URL's view for `view_class`: GET straight to its `get`, the rest through DRF."""
    _refuse_own_policies(view_class)
    drf_view = view_class.as_view()
    media_types = [renderer.media_type for renderer in view_class().get_renderers()]

    def view(request, *args, **kwargs):
        if request.method not in SAFE or not any(map(request.accepts, media_types)):
            return drf_view(request, *args, **kwargs)
        api_view = view_class()
        if not request.user.is_authenticated:
            request.user = None  # as DRF's UNAUTHENTICATED_USER gives it
        try:
            return api_view.get(request, *args, **kwargs)
        except Exception as exc:
            return _error_response(exc, request, api_view)

    # What drf-spectacular and Django read off a view made by as_view().
    view.cls = view.view_class = view_class
    view.initkwargs = view.view_initkwargs = drf_view.initkwargs
    return csrf_exempt(view)
