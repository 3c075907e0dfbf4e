/* The selected proposal in the workspace: its text and areas, the status and answer form and
   the moderation form (each shown to those allowed to use it). */

import { errorMessage, getJSON, postJSON } from "../lib/api.js";
import { formatDate, formatNumber } from "../lib/format.js";
import { anchor, sizeText } from "../lib/geometry.js";

// ws: {config, map, state, categoryName(slug), results, refresh(options)}
export function createDetail(ws) {
  const { config, map, state } = ws;
  const detail = document.getElementById("detail");
  const errors = document.getElementById("detail-errors");
  const statusForm = document.getElementById("status-form");
  const moderation = document.getElementById("moderation-form");
  // The selected line or area, drawn whole (a count may stand where it lies).
  const outline = L.geoJSON(null, {
    style: { color: "#c2185b", weight: 4, fillOpacity: 0.1 }, interactive: false, pmIgnore: true
  }).addTo(map);

  function show(feature) {
    const p = feature.properties;
    outline.clearLayers();
    if (p.kind !== "point") { outline.addData(feature.geometry); }
    detail.hidden = false;
    detail.dataset.id = feature.id;
    errors.hidden = true;
    document.getElementById("detail-title").textContent = p.title;
    detail.querySelector(".detail__meta").textContent =
      ws.categoryName(p.category) + " · " + config.statuses[p.status] + " · " + formatDate(p.created_at, "short") +
      (p.name ? " · " + p.name : "") + (p.kind !== "point" ? " · " + sizeText(p) : "");
    detail.querySelector(".detail__body").textContent = p.body;
    detail.querySelector(".detail__areas").textContent = p.areas
      .filter((a) => a.kind !== "territorium").map((a) => a.name).join(" · ");
    statusForm.hidden = !config.can_answer;
    statusForm.status.value = p.status;
    statusForm.answer.value = p.answer;
    moderation.hidden = !config.can_moderate;
    moderation.querySelector(".detail__visibility").textContent =
      gettext("Synlighet:") + " " + config.visibilities[p.visibility];
    moderation.querySelector("[value=approve]").hidden = p.visibility !== "pending";
    moderation.querySelector("[value=hide]").hidden = p.visibility === "hidden";
    moderation.querySelector("[value=publish]").hidden = p.visibility !== "hidden";
    showRobustness(feature.id);
    ws.tagging.showFor(feature);
    ws.outcomes.showFor(feature);
    ws.duplicates.showFor(feature);
  }

  const robustness = document.getElementById("detail-robustness");
  const acceptSupports = document.getElementById("detail-accept-supports");

  const formatted = (counts) => Object.fromEntries(
    Object.entries(counts).map(([key, value]) => [key, typeof value === "number" ? formatNumber(value) : value])
  );

  function robustnessText(numbers) {
    const s = formatted(numbers.supports);
    const r = formatted(numbers.reports);
    const parts = [
      interpolate(gettext("Støtter: %(counted)s telt fra %(networks)s nettverk, %(held)s holdt."), s, true)
    ];
    if (s.burst) { parts.push(gettext("Mange støtter kom i et rykk fra ett nettverk.")); }
    if (r.total) {
      parts.push(interpolate(
        gettext("Rapporter: %(browsers)s nettlesere fra %(networks)s nettverk, %(held)s holdt."), r, true
      ));
    }
    if (r.reviewed) { parts.push(gettext("En moderator har sett på det; rapporter skjuler det ikke lenger.")); }
    return parts.join(" ");
  }

  function showRobustness(id, numbers) {
    const url = config.api.proposals + id + "/robustness/";
    const shown = numbers ? Promise.resolve(numbers) : getJSON(url);
    shown.then((found) => {
      robustness.textContent = robustnessText(found);
      acceptSupports.hidden = !(config.can_moderate && found.supports.held > 0);
    }).catch((error) => { robustness.textContent = errorMessage(error); });
  }

  acceptSupports.addEventListener("click", () => {
    const id = detail.dataset.id;
    postJSON(config.api.proposals + id + "/supports/accept/").then((found) => {
      showRobustness(id, found);
      ws.refresh({ keepPage: true });
    }).catch((error) => {
      errors.textContent = errorMessage(error);
      errors.hidden = false;
    });
  });

  // Chosen in the list, the map zooms in far enough for the proposal to stand alone.
  function select(id, fromList) {
    state.selected = id;
    ws.results.markSelected(id, fromList);
    getJSON(config.api.proposals + id + "/").then((feature) => {
      show(feature);
      if (fromList && feature.properties.kind !== "point") {
        map.fitBounds(outline.getBounds(), { maxZoom: 16 });
      } else if (fromList) {
        map.setView(anchor(feature.geometry), Math.max(map.getZoom(), 16));
      }
    }).catch((error) => {
      errors.textContent = errorMessage(error);
      errors.hidden = false;
    });
  }

  function act(path, body, message) {
    postJSON(config.api.proposals + detail.dataset.id + "/" + path + "/", body).then((feature) => {
      show(feature);
      document.getElementById("result-count").textContent = message;
      ws.refresh({ keepPage: true });
    }).catch((error) => {
      errors.textContent = errorMessage(error);
      errors.hidden = false;
    });
  }

  statusForm.addEventListener("submit", (event) => {
    event.preventDefault();
    act("status", { status: statusForm.status.value, answer: statusForm.answer.value }, gettext("Status og svar er lagret."));
  });
  moderation.addEventListener("submit", (event) => {
    event.preventDefault();
    const action = event.submitter ? event.submitter.value : "hide";
    act("moderation", { action, reason: moderation.reason.value }, gettext("Modereringen er lagret."));
    moderation.reason.value = "";
  });

  return { select };
}
