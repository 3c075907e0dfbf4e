"""Admin for areas, with a Leaflet map widget."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from geo.models import Area, Place


@admin.register(Area)
class AreaAdmin(LeafletGeoAdmin):
    list_display = ["name", "kind", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]


@admin.register(Place)
class PlaceAdmin(LeafletGeoAdmin):
    list_display = ["name", "kind", "source"]
    search_fields = ["name"]
