"""Text with HTML and script in every field is shown as text on every surface, and never runs.

Each payload carries an id, so an element it managed to inject would be found in the DOM; each
would also set `window.xssRan` if it ran. The Content-Security-Policy would block inline script
anyway, so the test asserts on injected elements too: escaping, not only the CSP, must hold.
"""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.core import mail

from mapping.services import comment_create, proposal_set_status
from tests.conftest import load_baerum
from tests.e2e.conftest import ARTIFACTS, DESKTOP
from tests.factories import SANDVIKA_STATION, make_proposal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = '<img id=xss-title src=x onerror="window.xssRan=1">Benk</b>'
BODY = (
    '<script id=xss-body>window.xssRan=2</script><svg id=xss-svg onload="window.xssRan=3">'
    '"\'><iframe id=xss-frame src=javascript:window.xssRan=4></iframe> =HYPERLINK("x")'
)
NAME = '<b id=xss-name onmouseover="window.xssRan=5">Kari</b>'
COMMENT = '<a id=xss-comment href="javascript:window.xssRan=6">klikk</a>'
ANSWER = '<img id=xss-answer src=x onerror="window.xssRan=7">Svar'
INJECTED = "#xss-title, #xss-body, #xss-svg, #xss-frame, #xss-name, #xss-comment, #xss-answer"


@pytest.fixture
def hostile(planner):
    campaign = load_baerum()
    proposal = make_proposal(
        campaign, at=SANDVIKA_STATION, title=TITLE, body=BODY, email="kari@example.no"
    )
    proposal.display_name = NAME
    proposal.save(update_fields=["display_name"])
    comment_create(proposal=proposal, body=COMMENT, display_name=NAME)
    proposal_set_status(proposal=proposal, status="under_vurdering", answer=ANSWER, user=planner)
    return proposal


def assert_shown_as_text(page, *texts):
    page.wait_for_timeout(300)  # let any onerror/onload handler fire if one were injected
    assert page.evaluate("() => window.xssRan") is None
    assert page.locator(INJECTED).count() == 0
    shown = page.inner_text("body")
    for text in texts:
        assert text in shown, text


def new_page(browser):
    page = browser.new_page(viewport=DESKTOP)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return page


def log_in(page, url, username, password, submit=".login-form [type=submit]"):
    page.goto(url)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click(submit)


def test_hostile_text_is_text_on_every_surface(browser, live_server, hostile, planner):
    pk = hostile.pk
    resident = new_page(browser)

    # The map's popup, opened from the proposal's link.
    resident.goto(f"{live_server.url}/?forslag={pk}")
    resident.wait_for_selector(".popup__answer")
    assert_shown_as_text(resident, TITLE, ANSWER)

    # The list, the text alternative to the map.
    resident.goto(f"{live_server.url}/forslag/")
    assert_shown_as_text(resident, TITLE)

    # The permalink page, with its OpenGraph tags for link previews.
    resident.goto(f"{live_server.url}/forslag/{pk}/")
    assert_shown_as_text(resident, TITLE, BODY, NAME, COMMENT, ANSWER)
    og_title = resident.get_attribute("meta[property='og:title']", "content")
    og_description = resident.get_attribute("meta[property='og:description']", "content")
    assert og_title == TITLE
    assert og_description.startswith(BODY[:100])
    resident.screenshot(path=str(ARTIFACTS / "xss-permalink.png"))
    assert resident.dialogs == []

    # The planner workspace: the list and the proposal's detail panel with its comments.
    workspace = new_page(browser)
    log_in(workspace, f"{live_server.url}/planlegger/", "planlegger", "planlegger-passord")
    workspace.wait_for_selector("#result-list li button")
    workspace.click("#result-list li button")
    workspace.wait_for_selector("#detail:not([hidden])")
    workspace.wait_for_function("() => document.querySelector('#detail').textContent.length > 0")
    assert_shown_as_text(workspace, TITLE, BODY)
    workspace.screenshot(path=str(ARTIFACTS / "xss-workspace.png"))
    assert workspace.dialogs == []

    # The admin's list and change form.
    User.objects.create_superuser("admin", "admin@example.no", "admin-passord")
    admin = new_page(browser)
    log_in(
        admin,
        f"{live_server.url}/admin/login/?next=/admin/mapping/proposal/",
        "admin",
        "admin-passord",
        submit="#login-form [type=submit]",
    )
    admin.wait_for_selector("#result_list")
    assert_shown_as_text(admin, TITLE)
    admin.goto(f"{live_server.url}/admin/mapping/proposal/{pk}/change/")
    assert admin.input_value("#id_title") == TITLE
    assert admin.input_value("#id_body") == BODY
    assert_shown_as_text(admin)
    admin.goto(f"{live_server.url}/admin/mapping/comment/")
    assert_shown_as_text(admin, COMMENT[:40])
    assert admin.dialogs == []

    # The CSV export: the text as it was written, formulas neutralised for spreadsheets.
    export = workspace.request.get(f"{live_server.url}/api/v1/proposals/export/?output=csv")
    [row] = list(csv.DictReader(io.StringIO(export.text())))
    assert row["title"] == TITLE
    assert row["body"] == BODY

    for page in (resident, workspace, admin):
        page.close()


def test_the_answer_e_mail_is_plain_text_with_the_words_as_written(hostile):
    [message] = mail.outbox
    assert message.alternatives == []  # no HTML part that a mail client could render
    assert TITLE in message.subject
    assert ANSWER in message.body
    assert "&lt;" not in message.body
