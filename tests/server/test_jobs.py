"""The job queue with real worker processes: a worker killed in the middle of a report, and a
mail server that is down when a resident's request asks for an e-mail."""

import socket
import sqlite3
import time

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from mapping.models import Follower, Report
from mapping.synthetic import synthetic_proposals_load
from tests.factories import SANDVIKA_STATION, make_proposal
from tests.server.gunicorn import (
    Gunicorn,
    JobWorker,
    device_cookie,
    free_port,
    post_json,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _job_row(task: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, attempts FROM procrastinate_jobs WHERE task_name = %s ORDER BY id",
            [task],
        )
        return cursor.fetchone()


def test_a_report_whose_worker_is_killed_is_finished_by_another(campaign, planner_client, tmp_path):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # a load, not a request
    rows = synthetic_proposals_load(campaign=campaign, count=40_000)
    asked = planner_client.post(
        "/api/v1/reports/",
        {"filters": {}, "format": "gpkg", "language": "nb"},
        content_type="application/json",
    ).json()
    report = Report.objects.filter(pk=asked["id"])
    first = JobWorker().start()
    try:
        wait_until(
            lambda: report.get().progress >= 1 or report.get().state == Report.State.FAILED,
            what="the export under way",
        )
        first.kill()
    finally:
        first.stop()
    time.sleep(4)  # the dead worker's heartbeat goes stale: nothing moves the report now
    stuck = report.get()
    assert stuck.state == Report.State.RUNNING and stuck.progress < 100

    second = JobWorker().start()
    try:
        wait_until(lambda: report.get().state != Report.State.RUNNING, what="the report done")
    finally:
        second.stop()
    assert report.get().state == Report.State.DONE
    download = planner_client.get(f"/api/v1/reports/{asked['id']}/file/")
    path = tmp_path / "forslag.gpkg"
    path.write_bytes(b"".join(download.streaming_content))
    with sqlite3.connect(path) as gpkg:
        [table] = gpkg.execute("SELECT table_name FROM gpkg_contents").fetchone()
        [count] = gpkg.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
    assert count == rows == report.get().proposal_count


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def _refused(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_with_the_mail_server_down_the_request_answers_and_the_mail_goes_later(campaign):
    port = free_port()
    assert _refused(port)  # the mail server is down
    mail_server = {"EMAIL_URL": f"smtp://127.0.0.1:{port}"}
    proposal = make_proposal(campaign, at=SANDVIKA_STATION)
    site = Gunicorn(workers=1, **mail_server).start()
    try:
        started = time.monotonic()
        asked = post_json(
            f"{site.url}/api/v1/proposals/{proposal.pk}/follow/",
            {"email": "kari@example.no"},
            cookie=device_cookie("kari"),
        )
        answered_s = time.monotonic() - started
    finally:
        site.stop()
    assert asked.status == 202 and Follower.objects.filter(email="kari@example.no").exists()
    assert answered_s < 1

    worker = JobWorker(**mail_server).start()
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    try:
        wait_until(
            lambda: (_job_row("mapping.mail_send") or ("", 0))[1] >= 1,
            what="a failed try, to be tried again",
        )
        assert _job_row("mapping.mail_send")[0] == "todo"  # waiting for its next try
        smtp.start()  # the mail server is back
        wait_until(lambda: inbox.messages, what="the e-mail delivered")
    finally:
        worker.stop()
        if smtp.server:
            smtp.stop()
    [message] = inbox.messages
    assert message.rcpt_tos == ["kari@example.no"]
    assert b"/folg/" in message.content
    assert _job_row("mapping.mail_send") is None  # sent, and deleted with its address
