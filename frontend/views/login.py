"""The planners' login: django-axes locks one username tried from one address; this page also
limits the tries from one address over all usernames (one password tried on many names)."""

from django.conf import settings
from django.contrib.auth.views import LoginView

from frontend.views.common import too_many_requests
from mapping.admission import attempt_admit


class LoginPage(LoginView):
    template_name = "frontend/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        wait_s = attempt_admit(
            request,
            "logins",
            limit=settings.FREMTIDSKART_LOGINS_PER_ADDRESS,
            window_s=settings.FREMTIDSKART_LOGIN_WINDOW_S,
        )
        if wait_s:
            return too_many_requests(request, wait_s)
        return super().post(request, *args, **kwargs)
