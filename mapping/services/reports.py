"""The input report and the planners' export files, built by a job after the request that
asked (mapping.queue): the workspace follows their progress."""

import logging
import secrets
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation

from mapping import exporters, selectors
from mapping.filters import proposal_filter
from mapping.models import Report
from mapping.queue import REPORT_BUILD, later
from mapping.report_docx import report_docx
from mapping.report_pdf import report_pdf
from mapping.reports import report_content

logger = logging.getLogger(__name__)


REPORT_WRITERS = {Report.Format.DOCX: report_docx, Report.Format.PDF: report_pdf}


@transaction.atomic
def report_request(
    *,
    user,
    params: QueryDict,
    format: str,
    language: str = "nb",
    crs: int = 4326,
    table: str = Report.Table.AUTO,
) -> Report:
    """Ask for the input report, or the export in `crs`, of the proposals `params` filter: a job
    builds it once this commits."""
    report = Report(
        requested_by=user,
        filters=dict(params.lists()),
        format=format,
        language=language,
        crs=crs,
        table=table,
        with_emails=user.has_perm("mapping.view_author_email"),
    )
    report.full_clean()
    report.save()
    later(REPORT_BUILD, report_pk=report.pk)
    return report


def report_build(*, report_pk: int) -> None:
    """Build the report's file, telling its progress as it goes; a failure is kept on it. Run
    again (a worker that died mid-way), it starts over."""
    report = Report.objects.select_related("requested_by").get(pk=report_pk)
    Report.objects.filter(pk=report_pk).update(state=Report.State.RUNNING)

    def progress(fraction: float) -> None:
        percent = max(1, min(99, round(100 * fraction)))
        Report.objects.filter(pk=report_pk).update(progress=percent)

    params = QueryDict(mutable=True)
    for key, values in report.filters.items():
        params.setlist(key, values)
    try:
        if report.is_export:
            _export_build(report, params, progress)
        else:
            with translation.override(report.language):
                content = report_content(
                    params,
                    user=report.requested_by,
                    with_emails=report.with_emails,
                    table=report.table,
                )
                Report.objects.filter(pk=report_pk).update(proposal_count=content.total, progress=1)
                data = REPORT_WRITERS[report.format](content, progress)
            report.file.save(
                f"innspillsrapport-{secrets.token_urlsafe(12)}.{report.format}",
                ContentFile(data),
                save=False,
            )
        Report.objects.filter(pk=report_pk).update(
            state=Report.State.DONE, progress=100, file=report.file.name, finished_at=timezone.now()
        )
    except Exception as error:  # a report that fails must say so, not spin forever
        logger.exception("Report %s failed", report_pk)
        Report.objects.filter(pk=report_pk).update(
            state=Report.State.FAILED, error=str(error), finished_at=timezone.now()
        )


def _export_build(report: Report, params: QueryDict, progress) -> None:
    """Write the export to a file beside the others; the count kept is the rows written, so
    that the file and the number the planner sees always agree."""
    proposals = proposal_filter(params, user=report.requested_by, managed=True).qs
    expected = max(1, proposals.count())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"forslag.{report.format}"
        written = exporters.export_write(
            proposals,
            report.format,
            path,
            srid=report.crs,
            include_email=report.with_emails,
            tags=selectors.tag_list_visible(user=report.requested_by),
            progress=lambda rows: progress(rows / expected),
        )
        with path.open("rb") as handle:
            report.file.save(
                f"forslag-{secrets.token_urlsafe(12)}.{report.format}", File(handle), save=False
            )
    Report.objects.filter(pk=report.pk).update(proposal_count=written)
