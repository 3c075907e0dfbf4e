"""The public REST API, version 1 (GeoJSON, EPSG:4326, longitude first)."""
