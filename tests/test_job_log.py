"""The job queue's log lines, as the console handler writes them, name a job by its name and id
and never carry its arguments (an e-mail job's are an address and a message)."""

import io
import logging

from procrastinate.jobs import Job

ADDRESS = "kari@example.no"


def test_a_mail_jobs_address_stays_out_of_the_log():
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    job = Job(
        id=5, queue="default", lock=None, queueing_lock=None, task_name="mapping.mail_send",
        task_kwargs={"to": ADDRESS, "subject": "Svar", "body": "…", "headers": {}},
    )  # fmt: skip
    written = io.StringIO()
    stream = handler.setStream(written)
    try:
        worker = logging.getLogger("procrastinate.worker")
        worker.info(f"Starting job {job.call_string}", extra={"job": job.log_context()})
        logging.getLogger("procrastinate.jobs").info(
            "Deferred 1 job", extra={"jobs": [job.log_context()]}
        )
    finally:
        handler.setStream(stream)
    assert ADDRESS not in written.getvalue()
    assert "Starting job mapping.mail_send[5]" in written.getvalue()
