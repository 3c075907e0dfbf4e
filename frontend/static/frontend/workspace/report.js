/* The input report: asked for from the filters, built in the background on the server; the
   progress is shown until the file can be downloaded. */

import { errorMessage, getJSON, postJSON } from "../lib/api.js";
import { announce } from "../lib/dom.js";
import { filtersAsBody } from "./filters.js";

const POLL_MS = 1000;

// ws: {config, form}
export function createReport(ws) {
  const form = document.getElementById("report-form");
  const status = document.getElementById("report-status");
  const bar = document.getElementById("report-progress");
  const download = document.getElementById("report-download");

  function follow(report) {
    bar.hidden = report.state === "done" || report.state === "failed";
    bar.value = report.progress;
    if (report.state === "done") {
      download.href = report.url;
      download.textContent = interpolate(gettext("Last ned rapporten (%s forslag, %s)"),
        [report.proposal_count, report.format.toUpperCase()]);
      download.hidden = false;
      announce(status, gettext("Rapporten er ferdig."));
      return;
    }
    if (report.state === "failed") {
      announce(status, gettext("Rapporten kunne ikke lages. Prøv igjen, eller gjør utvalget mindre."));
      return;
    }
    status.textContent = interpolate(gettext("Lager rapporten … %s %"), [report.progress]);
    window.setTimeout(() => {
      getJSON(ws.config.api.reports + report.id + "/").then(follow)
        .catch((error) => { announce(status, errorMessage(error)); });
    }, POLL_MS);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const format = event.submitter ? event.submitter.value : "pdf";
    download.hidden = true;
    announce(status, gettext("Rapporten er bestilt."));
    postJSON(ws.config.api.reports, { filters: filtersAsBody(ws.form), format, language: form.language.value })
      .then(follow)
      .catch((error) => { announce(status, errorMessage(error)); });
  });
}
