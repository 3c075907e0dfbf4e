"""Parsing of bbox query parameters and GeoJSON points: lon/lat order, ranges, clear errors."""

import pytest
from django import forms
from rest_framework.exceptions import ValidationError

from geo.fields import GeoJSONShapeField
from geo.filters import BBoxField


def test_bbox_is_minlon_minlat_maxlon_maxlat():
    polygon = BBoxField().clean("10.45,59.865,10.60,59.96")
    assert polygon.extent == (10.45, 59.865, 10.60, 59.96)


@pytest.mark.parametrize(
    "value",
    [
        "10.6,59.865,10.45,59.96",  # min lon > max lon
        "10.45,59.96,10.60,59.865",  # min lat > max lat
        "10.45,59.865,10.60",
        "10.45,59.865,10.60,59.96,1",
        "a,b,c,d",
        "10.45,59.865,nan,59.96",
        "10.45,59.865,inf,59.96",
        "-200,0,10,10",
        "0,-95,10,10",
        "1;DROP TABLE mapping_proposal",
    ],
)
def test_bad_bbox_is_rejected_with_a_message(value):
    with pytest.raises(forms.ValidationError) as error:
        BBoxField().clean(value)
    assert error.value.messages[0].startswith("bbox")


def test_a_line_and_an_area_are_lon_lat_too():
    field = GeoJSONShapeField()
    line = field.to_internal_value(
        {"type": "LineString", "coordinates": [[10.5, 59.8], [10.6, 59.9]]}
    )
    assert (line.coords, line.srid) == (((10.5, 59.8), (10.6, 59.9)), 4326)
    ring = [[10.5, 59.8], [10.6, 59.8], [10.6, 59.9], [10.5, 59.8]]
    area = field.to_internal_value({"type": "Polygon", "coordinates": [ring]})
    assert area.coords[0][1] == (10.6, 59.8)
    assert field.to_representation(area) == {"type": "Polygon", "coordinates": [ring]}


def test_point_is_lon_lat():
    parsed = GeoJSONShapeField().to_internal_value({"type": "Point", "coordinates": [10.52, 59.89]})
    assert (parsed.x, parsed.y, parsed.srid) == (10.52, 59.89, 4326)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("POINT(10.52 59.89)", "GeoJSON-objekt"),
        ({"type": "MultiPoint", "coordinates": [[0, 0]]}, "ikke «MultiPoint»"),
        ({"type": 7, "coordinates": [[0, 0]]}, "ikke «—»"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]}, "slutte der"),
        ({"type": "LineString", "coordinates": [[0, 0], [0, 0]]}, "to ulike punkter"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            "krysser hverandre",
        ),
        ({"type": "Point"}, "to tall"),
        ({"type": "Point", "coordinates": [10.52]}, "to tall"),
        ({"type": "Point", "coordinates": [10.52, 59.89, 100]}, "to tall"),
        ({"type": "Point", "coordinates": ["10.52", "59.89"]}, "to tall"),
        ({"type": "Point", "coordinates": [True, 59.89]}, "to tall"),
        ({"type": "Point", "coordinates": [float("nan"), 59.89]}, "endelige"),
        ({"type": "Point", "coordinates": [181, 59.89]}, "Lengdegraden"),
        ({"type": "Point", "coordinates": [10.52, -91]}, "Breddegraden"),
        (
            {"type": "Point", "coordinates": [10.52, 59.89], "crs": {"type": "name"}},
            "crs",
        ),
    ],
)
def test_bad_geometry_is_rejected_with_a_norwegian_message(value, message):
    with pytest.raises(ValidationError) as error:
        GeoJSONShapeField().to_internal_value(value)
    assert message in str(error.value.detail[0])
