/* Outcomes: the plans and cases proposals went into, linked to the filtered set (a tag is a
   filter), to one hotspot or to the selected proposal. */

import { errorMessage, getJSON, postJSON, sendJSON } from "../lib/api.js";
import { announce, element } from "../lib/dom.js";
import { formatNumber } from "../lib/format.js";
import { filtersAsBody } from "./filters.js";

function describe(outcome) {
  return outcome.case_number
    ? interpolate(gettext("%s (sak %s)"), [outcome.name, outcome.case_number])
    : outcome.name;
}

// ws: {config, form, refresh(options), select(id, fromList)}
export function createOutcomes(ws) {
  const { config } = ws;
  const status = document.getElementById("outcome-status");
  const choice = document.getElementById("outcome-choice");
  let outcomes = [];

  function fillChoices() {
    document.querySelectorAll(".js-outcome-choice").forEach((select) => {
      select.textContent = "";
      outcomes.forEach((outcome) => {
        const option = element("option", null, describe(outcome));
        option.value = outcome.id;
        select.appendChild(option);
      });
    });
  }

  function load() {
    return getJSON(config.api.outcomes + "?campaign=" + encodeURIComponent(config.campaign || "")).then((list) => {
      outcomes = list;
      fillChoices();
    });
  }

  // Link the proposals a filter body selects to the chosen outcome.
  function link(body) {
    const outcome = outcomes.find((o) => String(o.id) === choice.value);
    if (!outcome) {
      announce(status, gettext("Opprett en plan eller sak først."));
      return Promise.resolve();
    }
    return postJSON(config.api.outcomes + outcome.id + "/proposals/", body).then((result) => {
      announce(status, interpolate(gettext("%s forslag ble koblet til %s (%s i alt)."),
        [formatNumber(result.linked), describe(outcome), formatNumber(result.count)]));
      ws.refresh({ keepPage: true });
    }).catch((error) => { announce(status, errorMessage(error)); });
  }

  document.getElementById("outcome-link-form").addEventListener("submit", (event) => {
    event.preventDefault();
    link(filtersAsBody(ws.form));
  });

  document.getElementById("outcome-new-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target));
    data.campaign = config.campaign;
    if (!data.decided_on) { data.decided_on = null; }
    postJSON(config.api.outcomes, data).then((outcome) => {
      outcomes.unshift(outcome);
      fillChoices();
      event.target.reset();
      announce(status, interpolate(gettext("«%s» er opprettet."), [describe(outcome)]));
    }).catch((error) => { announce(status, errorMessage(error)); });
  });

  // In the selected proposal: its outcome, and linking or unlinking it alone.
  function showFor(feature) {
    const outcome = feature.properties.outcome;
    document.getElementById("detail-outcome").textContent = outcome
      ? interpolate(gettext("Utfall: %s"), [describe(outcome)]) : gettext("Ikke koblet til en plan eller sak.");
    const put = (id) => sendJSON("PUT", config.api.proposals + feature.id + "/outcome/", { outcome: id })
      .then(() => ws.select(feature.id, false))
      .catch((error) => { announce(status, errorMessage(error)); });
    document.getElementById("detail-outcome-set").onclick = () => {
      put(Number(document.getElementById("detail-outcome-choice").value) || null);
    };
    document.getElementById("detail-outcome-clear").onclick = () => put(null);
  }

  load();
  return { showFor, link };
}
