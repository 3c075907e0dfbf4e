"""Work longer than a request, or that talks to another server, is a job on the queue.

The queue is Procrastinate: its jobs live in this PostgreSQL database, so there is no other
service to run, secure or back up. A job is queued in the transaction that asks for it, so it
exists exactly when what it works on was committed. Worker processes of their own run the jobs
(`manage.py procrastinate worker`, started by scripts/serve.sh and compose); their periodic
jobs are the scheduler. The jobs themselves are defined in mapping.tasks."""

from procrastinate.contrib.django import app

# The jobs by name: asking for one does not import the work it does.
REPORT_BUILD = "mapping.report_build"
PROPOSAL_CHANGE_NOTIFY = "mapping.proposal_change_notify"
MAIL_SEND = "mapping.mail_send"
AREAS_RELINK = "mapping.areas_relink"
# Periodic (the scheduler's).
STALLED_RETRY = "mapping.stalled_jobs_retry"
RETENTION = "mapping.retention"
THEMES_WARM = "mapping.themes_warm"


def later(name: str, **kwargs) -> None:
    """Queue the job `name` with `kwargs` (JSON values) in the current transaction."""
    app.configure_task(name).defer(**kwargs)
