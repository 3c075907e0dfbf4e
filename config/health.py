"""Health endpoints for load balancers: /healthz (the process answers) and /readyz (the
database and PostGIS answer; and what the deployment lacks, as warnings that do not make it
unready)."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from mapping.checks import NO_EMAIL, email_missing


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    try:
        with connection.cursor() as cursor:
            # SQL: a real round trip that also proves the PostGIS extension answers.
            cursor.execute("SELECT postgis_lib_version()")
            postgis = cursor.fetchone()[0]
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    warnings = [NO_EMAIL] if email_missing() else []
    return JsonResponse(
        {"status": "ok", "database": True, "postgis": postgis, "warnings": warnings}
    )
