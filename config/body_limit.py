"""Refuse a request body larger than anything the site takes, before a byte of it is read.

Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to disk
whatever their size; without a proxy in front, a client could fill the disk with one request.
The largest real request is a proposal with all its photos.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from mapping.input_limits import too_large_message


def max_request_bytes() -> int:
    photos = settings.FREMTIDSKART_PHOTOS_PER_PROPOSAL * settings.FREMTIDSKART_PHOTO_MAX_BYTES
    return photos + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = max_request_bytes()
        if length <= limit:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": too_large_message(limit)}, status=413)
        return render(request, "400.html", status=413)
