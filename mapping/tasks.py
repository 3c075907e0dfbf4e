"""The jobs the workers run (mapping.queue queues them by name), and the schedule.

- Reports and export files: not retried on an error (the error is kept on the report, for the
  planner to read); a job whose worker vanished (killed, a deploy, out of memory) is found by
  `stalled_jobs_retry` and run again from the start.
- E-mails: one job per message, tried again with a growing wait (2 s, 4 s, … about 2 h in all)
  while the mail server is down or refuses; a message that never goes ends `failed`, with its
  error, in the jobs' admin.
- Re-linking proposals to areas after an import.
- Periodic: the stalled-job check (every minute), retention (mapping.retention) daily at 03:15,
  and the campaigns' term counts for the themes every half hour (mapping.themes).

Each job runs in a thread of the worker with its own database connection, checked before and
closed after, as a request's is."""

import functools

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import close_old_connections
from procrastinate import JobContext, RetryStrategy
from procrastinate.contrib.django import app

from mapping import notifications, queue, selectors
from mapping.retention import retention_run
from mapping.services.proposals import proposal_areas_reassign_all
from mapping.services.reports import report_build
from mapping.themes import campaign_terms_warm

MAIL_RETRY = RetryStrategy(max_attempts=12, exponential_wait=2, retry_exceptions={OSError})


def _job(work):
    """`work` as a job: with a fresh database connection, as a request has."""

    @functools.wraps(work)
    def run(**kwargs):
        close_old_connections()
        try:
            return work(**kwargs)
        finally:
            close_old_connections()

    return run


app.task(name=queue.REPORT_BUILD)(_job(report_build))
app.task(name=queue.PROPOSAL_CHANGE_NOTIFY, retry=MAIL_RETRY)(
    _job(notifications.proposal_change_notify)
)
app.task(name=queue.MAIL_SEND, retry=MAIL_RETRY)(_job(notifications.mail_send))
app.task(name=queue.AREAS_RELINK)(_job(proposal_areas_reassign_all))


@app.periodic(cron=settings.FREMTIDSKART_JOB_STALLED_CHECK)
@app.task(name=queue.STALLED_RETRY, queueing_lock=queue.STALLED_RETRY, pass_context=True)
async def stalled_jobs_retry(context: JobContext, timestamp: int) -> None:
    """Run again the jobs whose worker has sent no heartbeat for FREMTIDSKART_JOB_STALLED_S."""
    jobs = context.app.job_manager
    for job in await jobs.get_stalled_jobs(
        seconds_since_heartbeat=settings.FREMTIDSKART_JOB_STALLED_S
    ):
        await jobs.retry_job(job)


def _retention(timestamp: int) -> None:
    """What is due for removal (mapping.retention)."""
    retention_run(email_days=settings.FREMTIDSKART_EMAIL_RETENTION_DAYS)


app.periodic(cron="15 3 * * *")(
    app.task(name=queue.RETENTION, queueing_lock=queue.RETENTION)(_job(_retention))
)


def _themes_warm(timestamp: int) -> None:
    """The campaigns' term counts, for the public and for each planner's view."""
    views = {selectors.visibility_key(user): user for user in selectors.planner_list()}
    campaign_terms_warm([AnonymousUser(), *views.values()])


app.periodic(cron="*/30 * * * *")(
    app.task(name=queue.THEMES_WARM, queueing_lock=queue.THEMES_WARM)(_job(_themes_warm))
)
