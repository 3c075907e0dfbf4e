"""Workshops and kiosks: a planner creates an event with a code, link and QR code; devices that
join count under it with higher limits; a kiosk forgets each person."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.throttling import ScopedRateThrottle

from geo.models import Area
from mapping import services
from mapping.device import DEVICE_COOKIE, EVENT_COOKIE
from mapping.models import Event, Proposal
from tests.factories import SANDVIKA, feature, make_proposal

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


@pytest.fixture
def event(campaign, planner) -> Event:
    now = timezone.now()
    return services.event_create(
        campaign=campaign,
        name="Verksted på Bekkestua",
        place="Bekkestua bibliotek",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        user=planner,
        focus_area=Area.objects.get(kind="delomrade", code="320114"),
    )


def joined(event, kiosk=False) -> Client:
    client = Client()
    if kiosk:
        client.get(f"/verksted/{event.code}/kiosk/")
        client.post(f"/verksted/{event.code}/kiosk/")
    else:
        client.get(f"/verksted/{event.code}/")
    return client


def config(client) -> dict:
    html = client.get("/").content.decode()
    return json.loads(re.search(r'id="map-config"[^>]*>(.*?)</script>', html, re.S).group(1))


def when(hours: float) -> str:
    return (timezone.localtime() + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def test_a_planner_creates_an_event_and_shows_its_code_link_and_qr(campaign, planner_client):
    area = Area.objects.get(kind="delomrade", code="320114")
    response = planner_client.post(
        "/planlegger/verksteder/",
        {
            "name": "Folkemøte",
            "place": "Rådhuset",
            "starts_at": when(0),
            "ends_at": when(3),
            "focus_area": area.pk,
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", event.code)
    page = planner_client.get(response["Location"]).content.decode()
    assert event.code in page
    assert f"http://testserver/verksted/{event.code}/" in page
    assert "<svg" in page and "<path" in page  # the QR code, drawn inline


@pytest.mark.parametrize(
    "bad",
    [
        {"ends_at": when(-1)},
        {"name": "x" * 500},
        {"focus_area": "999999"},
        {"focus_point": "59.9; 10.5; 3"},
        {"focus_point": "200, 10"},
        {"focus_point": "59.80, 10.60"},  # in the fjord, outside Bærum
        {"starts_at": "i morgen"},
        {"name": ""},
    ],
)
def test_a_broken_event_is_refused_and_nothing_is_written(campaign, planner_client, bad):
    data = {"name": "Verksted", "place": "Skolen", "starts_at": when(0), "ends_at": when(2)}
    response = planner_client.post("/planlegger/verksteder/", {**data, **bad})
    assert response.status_code == 400
    assert 'class="field__error"' in response.content.decode()
    assert not Event.objects.exists()


def test_only_planners_reach_the_events_pages(campaign, event):
    assert Client().get("/planlegger/verksteder/").status_code == 302
    assert Client().get(f"/planlegger/verksteder/{event.pk}/").status_code == 302


def test_a_device_that_joins_counts_its_proposals_under_the_event(event):
    client = joined(event)
    assert client.cookies[EVENT_COOKIE]["httponly"]
    shown = config(client)
    (south, west), (north, east) = shown["view"]["bounds"]
    assert south < 59.892 < north and west < 10.5225 < east  # Sandvika-Valler in focus
    assert "Du er med i «Verksted på Bekkestua»" in client.get("/").content.decode()

    for n in range(5):
        client.post(URL, feature(title=f"Fra verkstedet {n}"), content_type="application/json")
    proposals = Proposal.objects.filter(event=event)
    assert proposals.count() == 5
    assert set(proposals.values_list("channel", flat=True)) == {"event"}
    rows = Client().get("/api/v1/stats/events/").json()
    assert rows == [{"event": event.pk, "name": event.name, "count": 5}]


def test_an_event_with_fewer_than_five_shows_no_number(event):
    joined(event).post(URL, feature(), content_type="application/json")
    (row,) = Client().get("/api/v1/stats/events/").json()
    assert (row["count"], row["fewer_than"]) == (None, 5)


def test_the_code_is_typed_in_any_case_and_a_wrong_one_is_told(event):
    response = Client().post("/verksted/", {"code": f" {event.code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == f"/verksted/{event.code}/"
    wrong = Client().post("/verksted/", {"code": "ZZZZZZ"})
    assert wrong.status_code == 404
    assert "Fant ingen pågående verksted" in wrong.content.decode()


def test_an_ended_event_takes_no_one_and_lets_its_devices_go(event):
    client = joined(event)
    Event.objects.filter(pk=event.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    assert Client().get(f"/verksted/{event.code}/").status_code == 404
    client.post(URL, feature(), content_type="application/json")
    assert Proposal.objects.get().channel == "api"


def test_a_joined_device_gets_the_events_higher_limits(event, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"proposals": "2/hour"})
    client = joined(event)
    for n in range(12):
        client.post(URL, feature(title=f"Ide {n}"), content_type="application/json")
    visibility = list(Proposal.objects.order_by("pk").values_list("visibility", flat=True))
    assert visibility == ["published"] * 10 + ["pending"] * 2  # 2/hour x EVENT_FACTOR 5


def test_a_kiosk_forgets_each_person(event, campaign):
    target = make_proposal(campaign, at=SANDVIKA)
    kiosk = joined(event, kiosk=True)
    assert config(kiosk)["kiosk"]["next"] == "/verksted/kiosk/neste/"
    assert kiosk.post(f"{URL}{target.pk}/support/").status_code == 201
    first = kiosk.cookies[DEVICE_COOKIE].value
    created = kiosk.post(URL, feature(name="Kari"), content_type="application/json")
    assert created.status_code == 201
    assert kiosk.cookies[DEVICE_COOKIE].value != first  # the next person is someone else
    assert kiosk.post(f"{URL}{target.pk}/support/").status_code == 201
    before = kiosk.cookies[DEVICE_COOKIE].value
    assert kiosk.post("/verksted/kiosk/neste/", HTTP_ACCEPT="application/json").status_code == 204
    assert kiosk.cookies[DEVICE_COOKIE].value != before
    assert kiosk.post(f"{URL}{target.pk}/support/").status_code == 201
    target.refresh_from_db()
    assert target.support_count == 3


def test_kiosk_mode_ends_with_the_planners_end_code_never_the_public_one(event, planner):
    assert event.end_code and event.end_code != event.code
    kiosk = joined(event, kiosk=True)
    for wrong in ("ZZZZZZ", event.code):  # the join code is on the projector for all to see
        kiosk.post("/verksted/kiosk/avslutt/", {"code": wrong})
        assert config(kiosk)["kiosk"] is not None
    kiosk.post("/verksted/kiosk/avslutt/", {"code": event.end_code.lower()})
    assert config(kiosk)["kiosk"] is None
    kiosk = joined(event, kiosk=True)
    kiosk.force_login(planner)  # a planner at the tablet needs no code
    kiosk.post("/verksted/kiosk/avslutt/", {"code": ""})
    assert config(kiosk)["kiosk"] is None


def test_wrong_codes_from_one_address_are_limited(event):
    answers = [Client().post("/verksted/", {"code": "ZZZZZZ"}).status_code for _ in range(12)]
    assert answers == [404] * 10 + [429] * 2
    kiosk = joined(event, kiosk=True)
    assert kiosk.post("/verksted/kiosk/avslutt/", {"code": "ZZZZZZ"}).status_code == 429
    assert config(kiosk)["kiosk"] is not None


# NUL is refused before any view (config/input_guard.py): 400; any other code is just unknown.
@pytest.mark.parametrize(
    ("code", "unknown", "map_page"),
    [
        ("AB\x00CD", 400, 400),
        ("x" * 5000, 404, 200),
        ("' OR 1=1 --", 404, 200),
        ("ÆØÅ123", 404, 200),
        ("../../", 404, 200),
    ],
)
def test_broken_codes_are_told_apart_from_a_crash(event, code, unknown, map_page):
    assert Client().post("/verksted/", {"code": code}).status_code == unknown
    assert Client().get("/p/%00AB/").status_code == 400
    assert Client().get("/verksted/%00AB/").status_code == 400
    assert Client().get("/", {"plakat": code}).status_code == map_page
    kiosk = joined(event, kiosk=True)
    kiosk.post("/verksted/kiosk/avslutt/", {"code": code})
    assert config(kiosk)["kiosk"] is not None


def test_an_event_may_open_the_map_on_a_point(campaign, planner_client):
    data = {"name": "Befaring", "place": "Stasjonen", "starts_at": when(0), "ends_at": when(2)}
    planner_client.post("/planlegger/verksteder/", {**data, "focus_point": "59.8917, 10.5225"})
    event = Event.objects.get()
    assert (event.focus_point.x, event.focus_point.y) == (10.5225, 59.8917)
    (south, west), (north, east) = config(joined(event))["view"]["bounds"]
    assert south < 59.8917 < north and west < 10.5225 < east and north - south < 0.01


def test_event_times_are_written_as_the_language_writes_them(event, planner_client):
    from django.utils import formats, translation

    start = timezone.localtime(event.starts_at)
    with translation.override("nb"):
        month = formats.date_format(start, "F")  # "desember": the whole name, lower case
    page = planner_client.get("/planlegger/verksteder/").content.decode()
    assert f"{start.day}. {month} {start.year}" in page
    planner_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = planner_client.get("/planlegger/verksteder/").content.decode()
    with translation.override("en"):
        assert formats.date_format(start, "DATETIME_FORMAT") in page
