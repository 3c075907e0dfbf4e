"""gzip for the API's JSON and GeoJSON, when the client accepts it.

Only data responses: an HTML page carries the CSRF token, and a response marked
`carries_secret` (an export with authors' e-mail addresses) may hold what an attacker could
guess by its compressed size while reflecting text of their own (BREACH); those go out as they
are. Responses already compressed (the map tiles) are left alone.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("application/json", "application/geo+json", "text/csv")


class DataGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in COMPRESSED_TYPES or getattr(response, "carries_secret", False):
            return response
        return super().process_response(request, response)
