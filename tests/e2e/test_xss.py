"""Text with HTML and script in every field is shown as text on every surface, and never runs.

A resident submits it through the map's form and the comment form, a planner answers with it
in the workspace; then every surface is opened in Chromium.

Each payload carries an id, so an element it managed to inject would be found in the DOM; each
would also set `window.xssRan` if it ran. The Content-Security-Policy would block inline script
anyway, so the test asserts on injected elements too: escaping, not only the CSP, must hold.
"""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.core import mail

from mapping.models import Comment, Proposal
from tests.conftest import load_baerum, run_jobs
from tests.e2e.conftest import ARTIFACTS, DESKTOP, log_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = '<img id=xss-title src=x onerror="window.xssRan=1">Benk</b>'
BODY = (
    '<script id=xss-body>window.xssRan=2</script><svg id=xss-svg onload="window.xssRan=3">'
    '"\'><iframe id=xss-frame src=javascript:window.xssRan=4></iframe> =HYPERLINK("x")'
)
NAME = '<b id=xss-name onmouseover="window.xssRan=5">Kari</b>'
COMMENT = '<a id=xss-comment href="javascript:window.xssRan=6">klikk</a>'
ANSWER = '<img id=xss-answer src=x onerror="window.xssRan=7">Svar'
INJECTED = "#xss-title, #xss-body, #xss-svg, #xss-frame, #xss-name, #xss-comment, #xss-answer"


def assert_shown_as_text(page, *texts):
    # Any injected onerror/onload handler would have fired once every image has settled.
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => [...document.images].every(image => image.complete)")
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


def submit_as_resident(page, live_server) -> Proposal:
    """The resident's own way in: the map's form, then a comment on the proposal's page."""
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-ready=true]")
    page.click("#new-proposal")
    page.click("#place-at-centre")
    page.select_option("#id_category", "bolig")
    page.fill("#id_title", TITLE)
    page.fill("#id_body", BODY)
    page.fill("#id_name", NAME)
    page.fill("#id_email", "kari@example.no")
    page.check("#id_consent")
    page.click("#proposal-form [type=submit]")
    page.wait_for_selector("#status:has-text('Takk!')")
    proposal = Proposal.objects.get()
    assert (proposal.title, proposal.body, proposal.display_name) == (TITLE, BODY, NAME)
    page.goto(f"{live_server.url}/forslag/{proposal.pk}/")
    page.fill(".comment-form textarea", COMMENT)
    page.click(".comment-form [type=submit]")
    page.wait_for_selector(".message:has-text('Takk!')")
    return proposal


def answer_as_planner(page, live_server):
    log_in(page, f"{live_server.url}/planlegger/")
    page.wait_for_selector("#result-list li button")
    page.click("#result-list li button")
    page.wait_for_selector("#detail:not([hidden])")
    page.select_option("#d-status", "under_vurdering")
    page.fill("#d-answer", ANSWER)
    page.click("#status-form [type=submit]")
    page.wait_for_function(
        "() => document.getElementById('result-count').textContent.includes('lagret')"
    )


def test_hostile_text_is_text_on_every_surface(browser, live_server, planner):
    load_baerum()
    resident = new_page(browser)
    proposal = submit_as_resident(resident, live_server)
    pk = proposal.pk
    workspace = new_page(browser)
    answer_as_planner(workspace, live_server)
    assert Comment.objects.get().body == COMMENT
    proposal.refresh_from_db()
    assert proposal.answer == ANSWER

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

    # The planner workspace: the list and the proposal's detail panel, after answering.
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

    # The e-mail to the author (a job): plain text only, the words as written.
    run_jobs()
    [message] = mail.outbox
    # Plain text, with no HTML part that a mail client could render.
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert TITLE in message.subject
    assert ANSWER in message.body
    assert "&lt;" not in message.body
