/* Files built in the background on the server from the filters: the input report, and exports
   of any size. The progress is shown until the file can be downloaded. */

import { errorMessage, getJSON, postJSON } from "../lib/api.js";
import { announce } from "../lib/dom.js";
import { filtersAsBody } from "./filters.js";

const POLL_MS = 1000;

// One form asking for a file: `prefix` names its elements (#prefix-form, -status, -progress,
// -download); `body(submitter)` is what the form asks for beside the filters.
function createJob(ws, prefix, body, messages) {
  const form = document.getElementById(prefix + "-form");
  const status = document.getElementById(prefix + "-status");
  const bar = document.getElementById(prefix + "-progress");
  const download = document.getElementById(prefix + "-download");

  function follow(job) {
    bar.hidden = job.state === "done" || job.state === "failed";
    bar.value = job.progress;
    form.setAttribute("aria-busy", String(!bar.hidden));
    if (job.state === "done") {
      download.href = job.url;
      download.textContent = interpolate(messages.download,
        [job.proposal_count.toLocaleString("nb-NO"), job.format.toUpperCase()]);
      download.hidden = false;
      announce(status, messages.done);
      return;
    }
    if (job.state === "failed") {
      announce(status, messages.failed);
      return;
    }
    status.textContent = interpolate(messages.progress, [job.progress]);
    window.setTimeout(() => {
      getJSON(ws.config.api.reports + job.id + "/").then(follow)
        .catch((error) => { announce(status, errorMessage(error)); });
    }, POLL_MS);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    download.hidden = true;
    announce(status, messages.asked);
    postJSON(ws.config.api.reports, { filters: filtersAsBody(ws.form), ...body(form, event.submitter) })
      .then(follow)
      .catch((error) => { announce(status, errorMessage(error)); });
  });
}

// ws: {config, form}
export function createReport(ws) {
  createJob(ws, "report", (form, submitter) => ({
    format: submitter ? submitter.value : "pdf", language: form.language.value, table: form.table.value,
  }), {
    asked: gettext("Rapporten er bestilt."),
    progress: gettext("Lager rapporten … %s %"),
    done: gettext("Rapporten er ferdig."),
    failed: gettext("Rapporten kunne ikke lages. Prøv igjen, eller gjør utvalget mindre."),
    download: gettext("Last ned rapporten (%s forslag, %s)"),
  });
}

export function createExport(ws) {
  createJob(ws, "export", (form) => ({
    format: form.format.value, crs: Number(form.crs.value),
  }), {
    asked: gettext("Filen er bestilt."),
    progress: gettext("Lager filen … %s %"),
    done: gettext("Filen er ferdig."),
    failed: gettext("Filen kunne ikke lages. Prøv igjen."),
    download: gettext("Last ned filen (%s forslag, %s)"),
  });
}
