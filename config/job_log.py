"""The job queue's log lines without the jobs' arguments: an e-mail job's are an address, a
message and a follower's unsubscribe link. Procrastinate writes them into the text ("Starting job
mapping.mail_send[5](to='…', …)") and into the line's extra fields; both keep the job's name and
id only."""

import logging

HIDDEN = "[skjult]"


class RedactedJobFilter(logging.Filter):
    def filter(self, record):
        jobs = [getattr(record, "job", None), *(getattr(record, "jobs", None) or [])]
        for job in jobs:
            if not isinstance(job, dict) or "task_kwargs" not in job:
                continue
            named = f"{job.get('task_name')}[{job.get('id')}]"
            if job.get("call_string"):
                record.msg = str(record.msg).replace(job["call_string"], named)
            job["call_string"], job["task_kwargs"] = named, HIDDEN
        return True
