"""The hot paths do the least work that gives the same answer: statements counted per request
(the map tile's is in test_map_layer), and the lean dispatch answering as DRF did."""

import io
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from PIL import Image
from rest_framework.permissions import IsAuthenticated
from rest_framework.throttling import AnonRateThrottle

from mapping.reference import reference
from tests.factories import BEKKESTUA, SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"
# The test's own transaction turns the view's into savepoints; those are not the view's work.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")


def statements(call) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code < 300, response.content
    sql = [q["sql"] for q in queries.captured_queries]
    return [s for s in sql if not s.startswith(TRANSACTION_CONTROL)]


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (40, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_detail_with_photos_is_one_statement(api, campaign):
    from django.core.files.uploadedfile import SimpleUploadedFile

    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": list(BEKKESTUA)},
        "properties": {"title": "Park", "body": "En park.", "category": "moteplasser"},
    }
    photos = [SimpleUploadedFile(f"{n}.jpg", jpeg(), content_type="image/jpeg") for n in "ab"]
    created = api.post(URL, {"feature": json.dumps(feature), "photos": photos}, format="multipart")
    assert created.status_code == 201, created.content
    [sql] = statements(lambda: api.get(f"{URL}{created.json()['id']}/"))
    assert "mapping_photo" in sql and "mapping_proposal_areas" in sql
    assert len(api.get(f"{URL}{created.json()['id']}/").json()["properties"]["photos"]) == 2


def test_filtered_list_page_is_one_statement(api, campaign):
    for _ in range(3):
        make_proposal(campaign, at=SANDVIKA, category="bolig")
    reference()  # held by the process: no campaign or category look-up per request
    params = {"campaign": campaign.pk, "category": "bolig", "bbox": "10.4,59.8,10.7,60.0"}
    [sql] = statements(lambda: api.get(URL, {**params, "limit": 2}))
    assert "LIMIT 3" in sql  # one row past the page says whether there is a next one
    page = api.get(URL, {**params, "limit": 2}).json()
    assert len(page["features"]) == 2 and page["next"]


def test_create_is_five_statements_and_two_counts(api, campaign):
    reference()
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": list(BEKKESTUA)},
        "properties": {"title": "Benk", "body": "En benk.", "category": "moteplasser"},
    }
    body = json.dumps({**feature, "properties": {**feature["properties"], "campaign": campaign.pk}})
    sql = statements(lambda: api.post(URL, body, content_type="application/json"))
    throttle = [s for s in sql if "mapping_writecount" in s]
    assert len(throttle) == 2  # this browser's writes and this address's, one upsert each
    # The category with its campaign, the boundary check, the proposal, its area links and the
    # answer read back.
    assert len(sql) - len(throttle) == 5


def test_a_new_campaign_or_category_is_seen_at_once(api, campaign):
    from mapping.models import Category

    reference()
    Category.objects.create(campaign=campaign, slug="ny-kategori", name="Ny")
    assert "ny-kategori" in reference().categories  # the process's copy was cleared
    assert api.get(URL, {"category": "ny-kategori"}).status_code == 200
    assert api.get(URL, {"category": "finnes-ikke"}).status_code == 400


TILE = f"{URL}tiles/12/2167/1192/"


@pytest.mark.parametrize("path", [URL, TILE, "detail"])
def test_lean_dispatch_negotiates_as_drf_did(api, campaign, path):
    from django.urls import resolve

    path = f"{URL}{make_proposal(campaign).pk}/" if path == "detail" else path
    match = resolve(path)
    drf_view = match.func.cls.as_view()
    for accept in ("application/json", "application/geo+json", "text/html", "image/png", "*/*"):
        lean = api.get(path, HTTP_ACCEPT=accept)
        drf = drf_view(RequestFactory().get(path, HTTP_ACCEPT=accept), **match.kwargs)
        assert lean.status_code == drf.status_code, accept
    assert api.put(path, {}, format="json").status_code == 405


@pytest.mark.parametrize("path", [URL, TILE])
def test_lean_dispatch_answers_a_bad_filter_as_drf_did(api, path):
    response = api.get(path, {"category": "finnes-ikke", "status": "ferdig"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"category", "status"}


def test_missing_proposal_is_a_json_404(api):
    response = api.get(f"{URL}999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ikke funnet."}


@pytest.mark.parametrize("few_matches", [1_000, 2], ids=["sorted-matches", "index-walk"])
def test_free_text_pages_are_the_same_whichever_plan_runs(api, campaign, monkeypatch, few_matches):
    from mapping import geojson_sql

    monkeypatch.setattr(geojson_sql, "FEW_MATCHES", few_matches)
    matching = [make_proposal(campaign, title=f"Skøytebane nummer {n}") for n in range(5)]
    for _ in range(3):
        make_proposal(campaign, title="Flere benker")
    newest_first = [p.pk for p in reversed(matching)]
    first = api.get(URL, {"q": "skøytebane", "limit": 3}).json()
    assert [f["id"] for f in first["features"]] == newest_first[:3]
    rest = api.get(first["next"]).json()
    assert [f["id"] for f in rest["features"]] == newest_first[3:] and rest["next"] is None
    oldest = api.get(URL, {"q": "skøytebane", "ordering": "created"}).json()
    assert [f["id"] for f in oldest["features"]] == newest_first[::-1]


def test_a_tile_ignores_what_does_not_change_it(api, planner_api, campaign):
    from mapping import map_layer

    make_proposal(campaign, at=SANDVIKA)
    map_layer.pyramid_levels()
    reference()
    plain = {"campaign": campaign.pk}
    listed = {**plain, "ordering": "-created", "limit": 50, "v": 3}
    from tests.mapping.test_map_layer import tile_of

    tile = "{}tiles/{}/{}/{}/".format(URL, *tile_of(*SANDVIKA, 12))
    for client in (api, planner_api):
        body = client.get(tile, listed).json()
        assert body == client.get(tile, plain).json() and body["features"]
    [sql] = statements(lambda: api.get(tile, listed))
    assert "mapping_gridcell" in sql  # the pyramid, not an aggregate over the proposals


@pytest.mark.parametrize(
    "policy",
    [
        {"permission_classes": [IsAuthenticated]},
        {"throttle_classes": [AnonRateThrottle]},
        {"authentication_classes": []},
    ],
)
def test_a_lean_view_cannot_be_given_a_policy_its_shortcut_would_skip(policy):
    from mapping.api.lean import lean_view
    from mapping.api.proposals import ProposalDetailApi

    guarded = type("GuardedDetailApi", (ProposalDetailApi,), policy)
    with pytest.raises(ImproperlyConfigured, match="lean_view's GET would skip"):
        lean_view(guarded)


def test_a_lean_view_sees_the_same_user_as_drf(api, planner_api, campaign, monkeypatch):
    from mapping.api.proposals import ProposalListApi

    seen = []
    original = ProposalListApi.get

    def spy(self, request, *args, **kwargs):
        seen.append(request.user)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ProposalListApi, "get", spy)
    api.get(URL)
    planner_api.get(URL)
    assert seen[0] is None  # the public, as DRF's UNAUTHENTICATED_USER
    assert seen[1].username == "planlegger"
