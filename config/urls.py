"""Root URLs: the pages, the admin, API v1 and its OpenAPI schema and docs, OGC API – Features."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView

from config.health import healthz, readyz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("mapping.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("ogc/", include("ogc.urls")),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("frontend.urls")),
]

# An error while the response is written (a middleware saving the session) that is the
# database's is a 503 too, as a view's is.
handler500 = "config.db_unavailable.server_error"
