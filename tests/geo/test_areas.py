"""Which real Bærum areas contain which points: pins axis order (lon, lat) and the sea border."""

import pytest

from geo.models import Area
from tests.factories import FJORD, KADETTANGEN, OSLO, SANDVIKA, SANDVIKA_STATION, point

pytestmark = pytest.mark.django_db


def containing(lon_lat):
    return {(a.kind, a.code) for a in Area.objects.containing(point(lon_lat))}


def test_sandvika_falls_in_its_real_delomrade_grunnkrets_and_valgkrets():
    assert containing(SANDVIKA) == {
        ("kommune", "3201"),
        ("territorium", "3201"),
        ("delomrade", "320115"),  # Jong: the coordinate lies just west of Sandvika centre
        ("grunnkrets", "32011515"),
        ("valgkrets", "11"),  # Sandvika
    }
    assert ("delomrade", "320114") in containing(SANDVIKA_STATION)  # Sandvika-Valler


def test_swapped_coordinates_fall_nowhere():
    lon, lat = SANDVIKA
    assert containing((lat, lon)) == set()


def test_beach_is_in_the_sea_territory_but_no_land_area():
    assert containing(KADETTANGEN) == {("territorium", "3201")}


@pytest.mark.parametrize("place", [OSLO, FJORD], ids=["oslo", "mid-fjord"])
def test_points_outside_baerum_are_in_no_area(place):
    assert containing(place) == set()


def test_simplified_geometry_keeps_the_shape_with_fewer_vertices():
    area = Area.objects.with_simplified_geom(5).get(kind="kommune", code="3201")
    assert area.simplified_geom.valid
    assert area.simplified_geom.num_coords < area.geom.num_coords
    difference = area.simplified_geom.sym_difference(area.geom).area / area.geom.area
    assert difference < 0.001
