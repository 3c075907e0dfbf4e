"""Reference endpoints: categories, the current campaign, areas, and the OpenAPI schema and docs."""

import json
import re

import pytest
from django.contrib.gis.geos import GEOSGeometry

from geo.models import Area
from mapping.models import Campaign

pytestmark = pytest.mark.django_db


def test_categories_in_display_order(api, campaign):
    body = api.get("/api/v1/categories/").json()
    assert len(body) == 8
    assert body[0] == {
        "slug": "natur-og-gronnstruktur",
        "name": "Natur og grøntområder",
        "colour": "#2e7d32",
        "symbol": "circle",
    }


def test_current_campaign_has_question_boundary_and_outline(api, campaign):
    body = api.get("/api/v1/campaigns/current/").json()
    assert body["question"] == "Hvordan vil du at Bærum skal se ut i 2040?"
    assert body["is_open"] is True
    assert body["boundary_name"] == "Bærum"
    min_lon, min_lat, max_lon, max_lat = body["bbox"]
    assert 10.3 < min_lon < max_lon < 10.7  # longitude first
    assert 59.8 < min_lat < max_lat < 60.1
    boundary = GEOSGeometry(json.dumps(body["boundary"]))
    outline = GEOSGeometry(json.dumps(body["outline"]))
    assert boundary.area > outline.area  # the boundary includes the sea territory


def test_no_campaign_gives_404(api, campaign):
    Campaign.objects.all().delete()
    assert api.get("/api/v1/campaigns/current/").status_code == 404


def test_areas_by_kind_with_simplified_geometry(api, django_assert_num_queries):
    with django_assert_num_queries(1):
        body = api.get("/api/v1/areas/", {"kind": "delomrade"}).json()
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == 22
    sandvika = next(f for f in body["features"] if f["properties"]["code"] == "320114")
    assert sandvika["properties"]["name"] == "Sandvika-Valler"
    assert sandvika["properties"]["parent"] == "3201"
    full = Area.objects.get(kind="delomrade", code="320114").geom
    simplified = GEOSGeometry(json.dumps(sandvika["geometry"]))
    assert simplified.num_coords < full.num_coords


def test_areas_with_an_unknown_kind_get_400(api):
    response = api.get("/api/v1/areas/", {"kind": "fylke"})
    assert response.status_code == 400
    assert "kind" in response.json()


def test_openapi_schema_and_docs_are_served_locally(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/proposals/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    # Every operation of the schema is described on the page, with its parameters.
    for path in ["/api/v1/proposals/", "/api/v1/proposals/{id}/support/", "/api/v1/areas/"]:
        assert f"{path}</code>" in docs
    assert "<code>bbox</code>" in docs and "<code>cursor</code>" in docs
    sources = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert sources, docs
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
