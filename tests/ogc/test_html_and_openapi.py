"""OGC API – Features Part 1, HTML and OpenAPI 3.0: every resource in JSON and in HTML, by `f` or
the Accept header, with self and alternate links between the two; the OpenAPI document that the
landing page names as its service-desc, valid and covering every path served (schemathesis
fuzzes it in tests/fuzz/test_fuzzing.py)."""

import pytest
from drf_spectacular.validation import validate_schema

from tests.factories import SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def paths(campaign):
    proposal = make_proposal(campaign, at=SANDVIKA, title="Sykkelvei langs fjorden")
    return [
        "/ogc/",
        "/ogc/conformance",
        "/ogc/collections",
        "/ogc/collections/proposals",
        "/ogc/collections/proposals/queryables",
        "/ogc/collections/proposals/items",
        f"/ogc/collections/proposals/items/{proposal.pk}",
        "/ogc/collections/delomrade/items",
        "/ogc/collections/proposals/tiles",
        "/ogc/tileMatrixSets/WebMercatorQuad",
    ]


def test_every_resource_in_json_and_html_with_links_between_them(client, paths):
    for path in paths:
        as_json = client.get(path)
        assert as_json.status_code == 200, path
        assert "json" in as_json["Content-Type"], path
        links = {link["rel"]: link for link in as_json.json()["links"]}
        assert links["alternate"]["type"] == "text/html", path
        as_html = client.get(links["alternate"]["href"])
        assert as_html["Content-Type"].startswith("text/html"), path
        page = as_html.content.decode()
        assert "Det samme som JSON" in page and "<h1" in page, path
        by_accept = client.get(path, HTTP_ACCEPT=BROWSER)
        assert by_accept["Content-Type"].startswith("text/html"), path
        assert client.get(path, {"f": "json"}, HTTP_ACCEPT=BROWSER).json()["links"]


def test_html_pages_show_the_features_and_link_to_each(client, paths):
    page = client.get("/ogc/collections/proposals/items", {"f": "html"}).content.decode()
    assert "Sykkelvei langs fjorden" in page
    assert "/ogc/collections/proposals/items/" in page


def test_a_wrong_f_is_a_400(client, campaign):
    response = client.get("/ogc/collections", {"f": "xml"})
    assert response.status_code == 400 and "f:" in response.json()["description"]


def test_the_openapi_document_is_valid_and_covers_what_is_served(client, paths):
    landing = client.get("/ogc/").json()
    desc = next(link for link in landing["links"] if link["rel"] == "service-desc")
    response = client.get(desc["href"])
    assert response["Content-Type"] == "application/vnd.oai.openapi+json;version=3.0"
    document = response.json()
    validate_schema(document)
    documented = set(document["paths"])
    assert {
        "/",
        "/conformance",
        "/collections",
        "/collections/{collectionId}",
        "/collections/{collectionId}/queryables",
        "/collections/{collectionId}/items",
        "/collections/{collectionId}/items/{featureId}",
        "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
    } <= documented
    items = document["paths"]["/collections/{collectionId}/items"]["get"]
    names = {p["name"] for p in items["parameters"]}
    assert {"bbox", "bbox-crs", "crs", "limit", "datetime", "filter", "filter-lang"} <= names
    doc_page = client.get(next(x["href"] for x in landing["links"] if x["rel"] == "service-doc"))
    assert "/collections/{collectionId}/items" in doc_page.content.decode()
