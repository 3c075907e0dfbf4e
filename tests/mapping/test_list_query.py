"""One definition of a list request (mapping.list_query): every consumer reads filters, ordering,
cursor and limit the same way, and the tiles' fast path cleans what the FilterSet would."""

import pytest
from django.http import QueryDict

from mapping.filters import proposal_filter
from mapping.list_query import OGC_LIMITS, cleaned_filters, list_query
from mapping.map_layer import NOT_FILTERS, PYRAMID_FILTERS, pyramid_filter
from tests.factories import make_proposal

pytestmark = pytest.mark.django_db

WRONG = {"category": "finnes-ikke", "limit": "0", "cursor": "x"}


def test_every_wrong_parameter_is_named_in_one_answer(api, campaign):
    response = api.get("/api/v1/proposals/", WRONG)
    assert response.status_code == 400
    assert set(response.json()) == {"category", "limit", "cursor"}


def test_the_list_page_names_a_wrong_ordering_as_the_api_does(client, campaign):
    make_proposal(campaign, title="Synlig forslag")
    response = client.get("/forslag/", {"ordering": "email"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Velg en av: created, title, status, supports." in page
    assert "Synlig forslag" not in page


def test_the_list_page_orders_as_the_api_does(api, client, campaign):
    for title in ("Bro", "Allé", "Cafe"):
        make_proposal(campaign, title=title)
    api_titles = [
        f["properties"]["title"]
        for f in api.get("/api/v1/proposals/", {"ordering": "title"}).json()["features"]
    ]
    page = client.get("/forslag/", {"ordering": "title"}).content.decode()
    assert api_titles == ["Allé", "Bro", "Cafe"]
    assert page.index("Allé") < page.index("Bro") < page.index("Cafe")


def test_the_ogc_api_serves_a_large_limit_as_its_most_and_the_api_refuses_it(campaign):
    params = QueryDict("limit=5000")
    assert list_query(params, user=None, limits=OGC_LIMITS).limit == 1000
    with pytest.raises(Exception, match="limit"):
        list_query(params, user=None)


@pytest.mark.parametrize(
    "query",
    [
        "campaign={campaign}&category=bolig&status=mottatt",
        "category=bolig&category=moteplasser&visibility=hidden",
        "status=mottatt&ordering=-created&limit=50&v=3",
        "",
    ],
)
def test_the_tiles_fast_path_cleans_what_the_filterset_does(campaign, query):
    params = QueryDict(query.format(campaign=campaign.pk))
    fast = cleaned_filters(params, PYRAMID_FILTERS, besides=NOT_FILTERS)
    full = proposal_filter(params, user=None).form.cleaned_data
    assert fast is not None
    assert pyramid_filter(fast, public=False) == pyramid_filter(full, public=False)


@pytest.mark.parametrize("query", ["area=320114", "category=finnes-ikke", "campaign=abc"])
def test_the_tiles_fast_path_leaves_the_rest_to_the_filterset(campaign, query):
    assert cleaned_filters(QueryDict(query), PYRAMID_FILTERS, besides=NOT_FILTERS) is None
