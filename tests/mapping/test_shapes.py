"""Lines and areas (issue 25): stored as drawn, measured on the ground, placed by a point inside
them, linked to every area they cross, refused outside the boundary or beyond the size limits, and
read back as themselves by the API, its filters and the OGC API."""

import io
import json
from datetime import datetime

import pytest

from mapping.api.serializers import ProposalSerializer
from mapping.models import Proposal
from tests.factories import (
    BEKKESTUA,
    KADETTANGEN,
    OSLO,
    SANDVIKA,
    SANDVIKA_STATION,
    feature,
    line,
    make_proposal,
    square,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


def post(api, geometry: dict):
    return api.post(
        URL, data=json.dumps(feature(geometry=geometry)), content_type="application/json"
    )


def geojson(shape) -> dict:
    return json.loads(shape.json)


def delomrader(proposal: Proposal) -> set[str]:
    return set(proposal.areas.filter(kind="delomrade").values_list("code", flat=True))


def utm(shape):
    return shape.transform(25832, clone=True)


def test_a_drawn_line_is_stored_measured_and_linked_to_every_area_it_crosses(api, campaign):
    route = line(SANDVIKA, SANDVIKA_STATION)  # from Jong into Sandvika-Valler
    response = post(api, geojson(route))
    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get()
    assert proposal.kind == Proposal.Kind.LINE
    assert proposal.shape.equals_exact(route, 1e-9)
    assert proposal.length_m == pytest.approx(utm(route).length, rel=0.01)
    assert proposal.area_m2 is None
    assert proposal.location.distance(route) < 1e-9  # its point lies on the line
    assert delomrader(proposal) == {"320115", "320114"}


def test_a_drawn_area_is_measured_in_square_metres_and_placed_inside_itself(api, campaign):
    field = square(*BEKKESTUA)
    response = post(api, geojson(field))
    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get()
    assert proposal.kind == Proposal.Kind.AREA
    assert proposal.area_m2 == pytest.approx(utm(field).area, rel=0.01)
    assert 20_000 < proposal.area_m2 < 30_000
    assert field.contains(proposal.location)
    assert response.json()["properties"]["area_m2"] == proposal.area_m2


def test_a_ring_drawn_clockwise_is_the_same_area(api, campaign):
    field = square(*BEKKESTUA)
    clockwise = {"type": "Polygon", "coordinates": [geojson(field)["coordinates"][0][::-1]]}
    assert post(api, clockwise).status_code == 201
    assert Proposal.objects.get().area_m2 == pytest.approx(utm(field).area, rel=0.01)


def test_several_areas_chosen_together_are_one_proposal(api, campaign):
    parts = [geojson(square(*BEKKESTUA))["coordinates"], geojson(square(*SANDVIKA))["coordinates"]]
    response = post(api, {"type": "MultiPolygon", "coordinates": parts})
    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get()
    assert proposal.kind == Proposal.Kind.AREA
    assert "320115" in delomrader(proposal)  # Jong, where the Sandvika square lies


@pytest.mark.parametrize(
    "shape, message",
    [
        (line(SANDVIKA, OSLO), "Linjen går utenfor Bærum"),
        (square(OSLO[0] - 0.2, OSLO[1], size=0.3), "Området går utenfor Bærum"),
    ],
)
def test_a_shape_reaching_outside_the_boundary_is_refused_and_nothing_is_written(
    api, campaign, shape, message
):
    response = post(api, geojson(shape))
    assert response.status_code == 400
    assert message in response.json()["geometry"][0]
    assert not Proposal.objects.exists()


def test_the_size_limits_are_settings_and_say_the_size(api, campaign, settings):
    settings.FREMTIDSKART_SHAPE_MAX_AREA_M2 = 10_000
    settings.FREMTIDSKART_SHAPE_MAX_LENGTH_M = 100
    big = post(api, geojson(square(*BEKKESTUA)))
    assert big.status_code == 400
    assert "høyst 0,0 km²" in big.json()["geometry"][0]
    long = post(api, geojson(line(SANDVIKA, SANDVIKA_STATION)))
    assert long.status_code == 400
    assert "0,2 km lang" in long.json()["geometry"][0]
    assert not Proposal.objects.exists()


def test_the_vertex_limit_is_a_setting(api, campaign, settings):
    settings.FREMTIDSKART_SHAPE_MAX_VERTICES = 3
    route = line(SANDVIKA, SANDVIKA_STATION, BEKKESTUA, SANDVIKA)
    response = post(api, geojson(route))
    assert response.status_code == 400
    assert "høyst 3 punkter" in response.json()["geometry"][0]


def test_the_list_and_the_detail_give_the_shape_and_its_size(api, campaign):
    field = make_proposal(campaign, shape=square(*BEKKESTUA))
    route = make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION))
    pin = make_proposal(campaign)
    listed = {f["id"]: f for f in api.get(URL).json()["features"]}
    assert listed[field.pk]["geometry"]["type"] == "Polygon"
    assert listed[route.pk]["geometry"]["type"] == "LineString"
    assert listed[pin.pk]["geometry"]["type"] == "Point"
    assert listed[field.pk]["properties"]["kind"] == "area"
    assert listed[route.pk]["properties"]["length_m"] == route.length_m
    detail = api.get(f"{URL}{field.pk}/").json()
    assert detail["geometry"]["coordinates"] == listed[field.pk]["geometry"]["coordinates"]
    assert detail["properties"]["area_m2"] == field.area_m2


def test_the_sql_features_of_shapes_equal_the_serializer(api, campaign):
    made = [
        make_proposal(campaign, shape=square(*BEKKESTUA)),
        make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION)),
    ]
    from_sql = {f["id"]: f for f in api.get(URL).json()["features"]}
    for proposal in made:
        from_serializer = ProposalSerializer(Proposal.objects.get(pk=proposal.pk)).data
        sql = from_sql[proposal.pk]
        sql_time = datetime.fromisoformat(sql["properties"].pop("created_at"))
        assert sql_time == datetime.fromisoformat(from_serializer["properties"].pop("created_at"))
        assert json.loads(json.dumps(from_serializer)) == sql


@pytest.mark.parametrize(
    "kinds, expected", [("area", {"field"}), ("line", {"route"}), ("point,line", {"pin", "route"})]
)
def test_proposals_are_filtered_by_kind(api, planner_api, kinds, expected, campaign):
    made = {
        "field": make_proposal(campaign, shape=square(*BEKKESTUA)),
        "route": make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION)),
        "pin": make_proposal(campaign),
    }
    names = {proposal.pk: name for name, proposal in made.items()}
    query = "&".join(f"shape={kind}" for kind in kinds.split(","))
    listed = api.get(f"{URL}?{query}").json()["features"]
    assert {names[f["id"]] for f in listed} == expected
    assert planner_api.get(f"{URL}count/?{query}").json()["count"] == len(expected)


def test_the_ogc_api_has_a_collection_per_kind_with_exact_counts(api, campaign):
    made = {
        "proposal_areas": make_proposal(campaign, shape=square(*BEKKESTUA)),
        "proposal_lines": make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION)),
        "proposals": make_proposal(campaign),
    }
    make_proposal(campaign, at=SANDVIKA)
    for collection, proposal in made.items():
        body = api.get(f"/ogc/collections/{collection}/items").json()
        expected = {proposal.pk} if collection != "proposals" else {proposal.pk, proposal.pk + 1}
        assert {f["id"] for f in body["features"]} == expected
        assert body["numberMatched"] == len(expected)
        assert api.get(f"/ogc/collections/{collection}/queryables").status_code == 200
    other = api.get(f"/ogc/collections/proposal_lines/items/{made['proposals'].pk}")
    assert other.status_code == 404


def test_the_ogc_api_gives_an_area_in_utm_metres(api, campaign):
    field = make_proposal(campaign, shape=square(*BEKKESTUA))
    response = api.get(
        f"/ogc/collections/proposal_areas/items/{field.pk}",
        {"crs": "http://www.opengis.net/def/crs/EPSG/0/25832"},
    )
    geometry = response.json()["geometry"]
    assert geometry["type"] == "Polygon"
    west, south = geometry["coordinates"][0][0]
    expected = utm(field.shape).coords[0][0]
    assert (west, south) == pytest.approx(expected, abs=0.01)


def test_areas_chosen_from_the_list_become_one_area_to_propose_for(api, campaign):
    from geo.models import Area

    chosen = Area.objects.filter(kind="delomrade", code__in=["320114", "320115"])
    response = api.get("/api/v1/areas/outline/", {"area": ["320114", "320115"]})
    assert response.status_code == 200, response.content
    outline = response.json()
    assert sorted(outline["properties"]["names"]) == sorted(a.name for a in chosen)
    expected_m2 = sum(utm(area.geom).area for area in chosen)
    assert outline["properties"]["area_m2"] == pytest.approx(expected_m2, rel=0.01)
    created = post(api, outline["geometry"])
    assert created.status_code == 201, created.content
    assert delomrader(Proposal.objects.get()) == {"320114", "320115"}


@pytest.mark.parametrize("query", [{"area": ["nope"]}, {}, {"area": ["320114", "nope"]}])
def test_an_outline_of_no_known_area_is_a_400(api, campaign, query):
    response = api.get("/api/v1/areas/outline/", query)
    assert response.status_code == 400
    assert "area" in response.json()


def test_a_tile_draws_a_single_line_or_area_as_itself_at_its_point(api, campaign):
    import mapbox_vector_tile

    from tests.mapping.test_map_layer import tile_of

    field = make_proposal(campaign, shape=square(*BEKKESTUA))
    z, x, y = tile_of(field.location.x, field.location.y, 15)
    [feature] = api.get(f"{URL}tiles/{z}/{x}/{y}/").json()["features"]
    assert feature["id"] == field.pk
    assert feature["properties"]["kind"] == "area"
    assert feature["properties"]["shape"]["type"] == "Polygon"
    assert feature["geometry"]["coordinates"] == pytest.approx(field.location.coords, abs=1e-3)
    vector = api.get(f"/ogc/collections/proposals/tiles/WebMercatorQuad/{z}/{y}/{x}").content
    [drawn] = mapbox_vector_tile.decode(vector)["proposals"]["features"]
    assert drawn["geometry"]["type"] == "Polygon"
    assert drawn["properties"]["kind"] == "area"


def test_a_line_across_two_chosen_areas_is_counted_once(api, campaign):
    make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION))  # Jong and Sandvika-Valler
    make_proposal(campaign, at=SANDVIKA)
    query = "area=320114&area=320115"
    assert api.get(f"{URL}count/?{query}").json()["count"] == 2
    pins = api.get(f"/ogc/collections/proposals/items?{query}").json()
    lines = api.get(f"/ogc/collections/proposal_lines/items?{query}").json()
    assert pins["numberReturned"] + lines["numberReturned"] == 2
    assert api.get(f"{URL}count/?area=320114").json()["count"] == 1


def test_a_box_or_a_drawn_polygon_finds_a_line_that_only_passes_through(api, campaign):
    route = make_proposal(campaign, shape=line(SANDVIKA, BEKKESTUA))  # its point lies between
    lon, lat = BEKKESTUA
    box = f"{lon - 0.003},{lat - 0.003},{lon + 0.003},{lat + 0.003}"
    assert not square(lon - 0.003, lat - 0.003, size=0.006).contains(route.location)
    assert [f["id"] for f in api.get(URL, {"bbox": box}).json()["features"]] == [route.pk]
    within = json.dumps(geojson(square(lon - 0.003, lat - 0.003, size=0.006)))
    assert [f["id"] for f in api.get(URL, {"within": within}).json()["features"]] == [route.pk]
    ogc = api.get("/ogc/collections/proposal_lines/items", {"bbox": box}).json()
    assert [f["id"] for f in ogc["features"]] == [route.pk]
    polygon = square(lon - 0.003, lat - 0.003, size=0.006).wkt
    cql = api.get(
        "/ogc/collections/proposal_lines/items",
        {"filter": f"S_INTERSECTS(geometry, {polygon})"},
    )
    assert [f["id"] for f in cql.json()["features"]] == [route.pk]
    elsewhere = f"{lon + 0.01},{lat + 0.01},{lon + 0.02},{lat + 0.02}"
    assert api.get(URL, {"bbox": elsewhere}).json()["features"] == []


@pytest.fixture
def kinds(campaign):
    return {
        "field": make_proposal(campaign, shape=square(*BEKKESTUA)),
        "route": make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION)),
        "pin": make_proposal(campaign),
    }


def ogrinfo(path) -> str:
    import subprocess

    command = ["ogrinfo", "-al", "-so", str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("crs", ["4326", "25832"])
def test_a_geopackage_has_a_layer_per_kind_that_gdal_reads_with_its_type(api, kinds, tmp_path, crs):
    response = api.get(f"{URL}export/", {"output": "gpkg", "crs": crs})
    assert response.status_code == 200
    path = tmp_path / "export.gpkg"
    path.write_bytes(b"".join(response.streaming_content))
    layers = ogrinfo(path).split("Layer name: ")[1:]
    types = {layer.split("\n")[0]: layer.split("Geometry: ")[1].split("\n")[0] for layer in layers}
    assert types == {
        "forslag": "Point",
        "forslag_linjer": "Line String",
        "forslag_omrader": "Multi Polygon",
    }
    assert all("Feature Count: 1" in layer for layer in layers)
    assert all(f'ID["EPSG",{crs}]' in layer for layer in layers)
    areas = next(layer for layer in layers if layer.startswith("forslag_omrader"))
    assert "area_m2: String" in areas or "area_m2: Integer" in areas


def test_csv_and_geojson_exports_carry_each_shape(api, kinds):
    import csv
    import io

    text = b"".join(api.get(f"{URL}export/", {"output": "csv"}).streaming_content).decode()
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    wkts = sorted(row["WKT"].split("(")[0].strip() for row in rows.values())
    assert wkts == ["LINESTRING", "POINT", "POLYGON"]
    field = next(row for row in rows.values() if row["kind"] == "area")
    assert int(field["area_m2"]) == kinds["field"].area_m2
    data = json.loads(b"".join(api.get(f"{URL}export/", {"crs": "25832"}).streaming_content))
    types = sorted(f["geometry"]["type"] for f in data["features"])
    assert types == ["LineString", "Point", "Polygon"]
    polygon = next(f for f in data["features"] if f["geometry"]["type"] == "Polygon")
    assert polygon["geometry"]["coordinates"][0][0][0] > 500_000  # metres east, not degrees


def test_the_report_draws_lines_and_areas_and_gives_each_size(planner, campaign):
    from django.http import QueryDict
    from django.utils import translation

    from geo.map_image import MapLayers, map_png
    from mapping.reports import report_content

    route = make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION))
    make_proposal(campaign, shape=square(*BEKKESTUA))
    make_proposal(campaign)
    with translation.override("nb"):
        content = report_content(QueryDict(""), user=planner, with_emails=False)
        rows = {row.id: row for row in content.rows()}
    assert rows[route.pk].area.endswith(f"Linje, {route.length_m} m")
    assert sum("Område, " in row.area for row in rows.values()) == 1
    assert sum(not row.area.count("·") for row in rows.values()) == 1  # the pin has no size

    def green(png: bytes) -> int:
        from PIL import Image

        image = Image.open(io.BytesIO(png)).convert("RGB")
        return sum(1 for pixel in image.get_flattened_data() if pixel == (0x1B, 0x5E, 0x20))

    shapes = [route.shape, square(*BEKKESTUA)]
    assert green(map_png(MapLayers(shapes=shapes))) > 100
    assert green(map_png(MapLayers(points=[SANDVIKA]))) == 0


def test_the_permalink_and_its_share_preview_give_the_shape_and_its_size(client, campaign):
    route = make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION))
    page = client.get(f"/forslag/{route.pk}/").content.decode()
    size = f"Linje, {route.length_m} m"
    assert f'<p class="proposal__note">{size}</p>' in page
    assert f'<meta property="og:description" content="{size}. ' in page
    assert '"shape": {"type": "LineString"' in page  # the page's small map draws it whole
    pin = make_proposal(campaign)
    assert "Linje, " not in client.get(f"/forslag/{pin.pk}/").content.decode()


def test_the_page_without_a_map_proposes_for_a_whole_area_or_a_line_between_places(
    client, campaign
):
    from geo.models import Area, Place
    from tests.trust.test_hostile_inputs import sandvika_form

    page = client.get("/forslag/nytt/").content.decode()
    assert 'name="shape"' in page and 'name="line_to"' in page
    sandvika_valler = Area.objects.get(kind="delomrade", code="320114")
    assert client.post("/forslag/nytt/", {**sandvika_form(), "shape": "area"}).status_code == 302
    area = Proposal.objects.get()
    assert area.kind == "area" and not area.is_approximate
    assert area.area_m2 == pytest.approx(utm(sandvika_valler.geom).area, rel=0.01)
    assert delomrader(area) == {"320114"}  # its neighbours only touch it
    place = Place.objects.order_by("name").first()
    posted = {**sandvika_form(), "shape": "line", "line_to": f"place:{place.pk}"}
    assert client.post("/forslag/nytt/", posted).status_code == 302
    route = Proposal.objects.get(kind="line")
    assert route.shape.coords[-1] == pytest.approx(place.location.coords)


def test_duplicates_compare_shapes_by_overlap_not_by_their_points(planner_api, campaign):
    # Two areas over the same field, their points apart (one reaches further east); a pin
    # inside the field saying the same; and the same words far away.
    lon, lat = BEKKESTUA
    text = {"title": "Bevar jordet som grøntområde", "body": "Jordet må ikke bygges ned."}
    field = make_proposal(campaign, shape=square(lon, lat, size=0.004), **text)
    wider = make_proposal(campaign, shape=square(lon + 0.001, lat, size=0.006), **text)
    assert field.location.distance(wider.location) > 0.001  # about 100 m or more apart
    pin = make_proposal(campaign, at=(lon + 0.0035, lat + 0.0035), **text)
    far = make_proposal(campaign, at=SANDVIKA, **text)
    groups = planner_api.get("/api/v1/duplicates/", {"distance": 20}).json()
    [group] = [{p["id"] for p in g} for g in groups]
    assert group == {field.pk, wider.pk, pin.pk}
    assert far.pk not in group


@pytest.mark.parametrize("params", [{}, {"q": "trygg"}], ids=["kept counts", "counted"])
def test_numbers_per_area_count_a_line_in_each_area_it_crosses_and_stay_exact(
    api, campaign, params
):
    text = {"title": "Sykkelvei", "body": "En trygg sykkelvei."}
    make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION), **text)  # Jong, Sandvika-V.
    make_proposal(campaign, at=SANDVIKA_STATION, **text)
    make_proposal(campaign, at=KADETTANGEN, **text)  # on the beach: in no delområde
    body = api.get("/api/v1/stats/areas/", {"kind": "delomrade", **params}).json()
    counts = {f["properties"]["code"]: f["properties"]["count"] for f in body["features"]}
    assert counts["320115"] == 1 and counts["320114"] == 2
    assert body["total"] == 3
    assert body["outside"] == 1
