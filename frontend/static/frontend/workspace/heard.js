/* Who has not been heard: proposals per 1,000 inhabitants per area (where the place's population
   layer is loaded), the least heard areas, and the contributors' age bands beside the
   inhabitants'. No group under 5 is shown (mapping/small_groups.py). */

import { getJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { formatGroupCount, formatNumber, pageLanguage } from "../lib/format.js";

const LEAST_HEARD = 5;

// Proposals per 1,000 inhabitants, or null where the area's population is not known.
export function rate(properties) {
  return properties.population ? (properties.count * 1000) / properties.population : null;
}

export function formatRate(value) {
  return value === null ? "–" : value.toLocaleString(pageLanguage(), { maximumFractionDigits: 1 });
}

function percent(part, whole) {
  return whole ? formatRate((part * 100) / whole) + " %" : "–";
}

// The areas of at least `minPopulation` inhabitants with the fewest proposals per 1,000 of them;
// of two alike, the one where more people live first.
export function renderLeastHeard(features, minPopulation) {
  const section = document.getElementById("least-heard");
  const known = features.filter((f) => f.properties.population);
  section.hidden = known.length === 0;
  document.querySelectorAll(".js-population").forEach((node) => { node.hidden = known.length === 0; });
  if (!known.length) { return; }
  const years = [...new Set(known.map((f) => f.properties.population_year))].join(", ");
  document.getElementById("least-heard-source").textContent = interpolate(
    gettext("Forslag per 1000 innbyggere, blant områder med minst %s innbyggere (innbyggere %s)."),
    [formatNumber(minPopulation), years]);
  const list = document.getElementById("least-heard-list");
  list.textContent = "";
  known.filter((f) => f.properties.population >= minPopulation)
    .sort((a, b) => rate(a.properties) - rate(b.properties) || b.properties.population - a.properties.population)
    .slice(0, LEAST_HEARD).forEach((f) => {
      const p = f.properties;
      list.appendChild(element("li", null, interpolate(gettext("%s: %s per 1000 (%s forslag, %s innbyggere)"),
        [p.name, formatRate(rate(p)), formatNumber(p.count), formatNumber(p.population)])));
    });
}

// Shares are of the answers in the bands shown; a band under 5 is left out of them, and the note
// says so.
function renderAgeBands(rows) {
  const body = document.getElementById("age-body");
  body.textContent = "";
  const hidden = rows.filter((row) => row.count === null).length;
  document.getElementById("age-note").textContent = hidden
    ? interpolate(gettext("Andelene er av svarene i aldersgruppene som vises: %s med færre enn 5 svar er utelatt."), [hidden])
    : "";
  const answers = rows.reduce((sum, row) => sum + (row.count || 0), 0);
  const people = rows.reduce((sum, row) => sum + (row.population || 0), 0);
  rows.forEach((row) => {
    const tr = element("tr");
    tr.appendChild(element("th", null, row.name)).setAttribute("scope", "row");
    tr.appendChild(element("td", "number", formatGroupCount(row)));
    tr.appendChild(element("td", "number", row.count === null ? "–" : percent(row.count, answers)));
    tr.appendChild(element("td", "number", row.population === null ? "–" : percent(row.population, people)));
    body.appendChild(tr);
  });
}

function renderRelations(rows) {
  const body = document.getElementById("relation-body");
  body.textContent = "";
  rows.forEach((row) => {
    const tr = element("tr");
    tr.appendChild(element("th", null, row.name)).setAttribute("scope", "row");
    tr.appendChild(element("td", "number", formatGroupCount(row)));
    body.appendChild(tr);
  });
}

export function loadBackground(url, campaign) {
  return getJSON(url + "?campaign=" + encodeURIComponent(campaign)).then((data) => {
    renderAgeBands(data.age_bands);
    renderRelations(data.relations);
  });
}
