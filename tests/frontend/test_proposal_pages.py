"""The pages that need no map: list, permalink, no-map form, and their plain form posts."""

import re

import pytest

from geo.models import Area, Place
from mapping.models import Comment, Proposal
from tests.conftest import resident
from tests.factories import BEKKESTUA, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db


def test_list_page_filters_like_the_map(client, campaign):
    make_proposal(campaign, at=SANDVIKA_STATION, category="bolig", title="Boliger ved stasjonen")
    make_proposal(campaign, at=BEKKESTUA, category="moteplasser", title="Torg på Bekkestua")
    make_proposal(campaign, title="Skjult", visibility=Proposal.Visibility.HIDDEN)
    page = client.get("/forslag/").content.decode()
    assert "Boliger ved stasjonen" in page and "Torg på Bekkestua" in page
    assert "Skjult" not in page
    page = client.get("/forslag/", {"area": "320114"}).content.decode()
    assert "Boliger ved stasjonen" in page and "Torg på Bekkestua" not in page
    page = client.get("/forslag/", {"category": "moteplasser"}).content.decode()
    assert "Torg på Bekkestua" in page and "Boliger ved stasjonen" not in page
    page = client.get("/forslag/", {"q": "boligene"}).content.decode()
    assert "Boliger ved stasjonen" in page
    assert client.get("/forslag/", {"category": "finnes-ikke"}).status_code == 400


def test_permalink_has_opengraph_meta_and_escapes_text(client, campaign):
    proposal = make_proposal(
        campaign, title='<script>alert("x")</script> Park', body="Grønt & fint"
    )
    html = client.get(f"/forslag/{proposal.pk}/").content.decode()
    escaped_title = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Park"
    assert f'<meta property="og:title" content="{escaped_title}">' in html
    assert '<meta property="og:description" content="Grønt &amp; fint">' in html
    assert f'<meta property="og:url" content="http://testserver/forslag/{proposal.pk}/">' in html
    assert "<script>alert" not in html


def test_hidden_and_unapproved_proposals_are_404(client, campaign):
    for visibility in (Proposal.Visibility.HIDDEN, Proposal.Visibility.PENDING):
        proposal = make_proposal(campaign, visibility=visibility)
        response = client.get(f"/forslag/{proposal.pk}/")
        assert response.status_code == 404
        assert "Fant ikke siden" in response.content.decode()


def test_support_by_form_counts_once_per_browser(client, campaign):
    proposal = make_proposal(campaign)
    url = f"/forslag/{proposal.pk}/stott/"
    client.post(url)
    client.post(url)
    resident().post(url)
    proposal.refresh_from_db()
    assert proposal.support_count == 2
    page = client.get(f"/forslag/{proposal.pk}/").content.decode()
    assert "2 personer støtter dette" in page


def test_support_form_returns_only_to_this_site(client, campaign):
    proposal = make_proposal(campaign)
    response = client.post(f"/forslag/{proposal.pk}/stott/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/forslag/{proposal.pk}/"


def test_comment_by_form_and_errors_in_norwegian(client, campaign):
    proposal = make_proposal(campaign)
    bad = client.post(f"/forslag/{proposal.pk}/kommenter/", {"body": ""})
    assert bad.status_code == 400
    assert "Dette feltet er påkrevd." in bad.content.decode()
    good = client.post(f"/forslag/{proposal.pk}/kommenter/", {"body": "Enig!", "name": "Åse"})
    assert good["Location"].endswith("#kommentarer")
    page = client.get(f"/forslag/{proposal.pk}/").content.decode()
    assert "Enig!" in page and "Åse" in page


def test_report_a_comment_by_form(client, campaign, settings):
    settings.FREMTIDSKART_FLAG_THRESHOLD = settings.FREMTIDSKART_FLAG_NETWORKS = 1
    proposal = make_proposal(campaign)
    client.post(f"/forslag/{proposal.pk}/kommenter/", {"body": "Kjøp billige klokker"})
    comment = Comment.objects.get()
    client.post(f"/forslag/{proposal.pk}/kommentarer/{comment.pk}/rapporter/", {"reason": "Spam"})
    comment.refresh_from_db()
    assert comment.visibility == "hidden"
    assert "Kjøp billige klokker" not in client.get(f"/forslag/{proposal.pk}/").content.decode()


def test_no_map_form_sets_an_approximate_point_from_a_place_or_area(client, campaign):
    place = Place.objects.get(name="Sandvika stasjon")
    response = client.post(
        "/forslag/nytt/",
        {
            "location": f"place:{place.pk}",
            "category": "bolig",
            "title": "Boliger uten kart",
            "body": "Skrevet uten å bruke kartet.",
            "consent": "on",
        },
    )
    proposal = Proposal.objects.get(title="Boliger uten kart")
    assert response["Location"] == f"/forslag/{proposal.pk}/"
    assert proposal.is_approximate
    assert proposal.location.equals(place.location)
    assert proposal.areas.filter(code="320114").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Plasseringen er omtrentlig" in page

    area = Area.objects.get(kind="delomrade", code="320122")
    client.post(
        "/forslag/nytt/",
        {
            "location": f"area:{area.pk}",
            "category": "bolig",
            "title": "I Lommedalen",
            "body": "Et sted i delområdet.",
            "consent": "on",
        },
    )
    assert Proposal.objects.get(title="I Lommedalen").areas.filter(code="320122").exists()


def test_no_map_form_shows_errors_next_to_fields(client, campaign):
    response = client.post("/forslag/nytt/", {"location": "place:999999", "title": "x" * 121})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skjemaet har feil" in html
    assert "Du må bekrefte at forslaget blir offentlig." in html
    assert re.search(r'aria-invalid="true" aria-describedby="id_title_error" id="id_title"', html)
    assert not Proposal.objects.exists()


def test_accessibility_statement_page(client):
    html = client.get("/tilgjengelighet/").content.decode()
    assert "Tilgjengelighetserklæring" in html
    assert "WCAG 2.1" in html
    assert "uutilsynet.no" in html


def test_no_map_form_refuses_a_filled_honeypot(client, campaign):
    place = Place.objects.get(name="Sandvika stasjon")
    data = {
        "location": f"place:{place.pk}",
        "category": "bolig",
        "title": "Robot",
        "body": "Fylte alt.",
        "consent": "on",
        "website": "http://spam.example",
    }
    assert client.post("/forslag/nytt/", data).status_code == 400
    assert not Proposal.objects.exists()


def test_privacy_statement_says_what_why_and_how_long(client, settings):
    html = client.get("/personvern/").content.decode()
    assert "Personvernerklæring" in html
    assert f"slettes {settings.FREMTIDSKART_EMAIL_RETENTION_DAYS} dager etter" in html
    assert "datatilsynet.no" in html


def test_every_report_form_has_its_own_labelled_field(client, campaign):
    proposal = make_proposal(campaign)
    client.post(f"/forslag/{proposal.pk}/kommenter/", {"body": "Enig"})
    comment = Comment.objects.get()
    html = client.get(f"/forslag/{proposal.pk}/").content.decode()
    assert f'<label for="flag-c{comment.pk}">Hva er galt?</label>' in html
    assert f'<input id="flag-c{comment.pk}" name="reason"' in html
    assert '<label for="flag-p">Hva er galt med forslaget?</label>' in html
    assert f'action="/forslag/{proposal.pk}/kommentarer/{comment.pk}/rapporter/"' in html
