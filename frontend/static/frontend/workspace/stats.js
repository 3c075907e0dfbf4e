/* The numbers tab: proposals per area (a sortable table, and the areas coloured by count), per
   tag, channel, event and poster, and new proposals per week. */

import { getJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { compareNames, formatDate, formatGroupCount, formatNumber } from "../lib/format.js";
import { CHOROPLETH, classLabel } from "./choropleth.js";
import { filterParams } from "./filters.js";
import { formatRate, loadBackground, rate, renderLeastHeard } from "./heard.js";
import { loadThemes } from "./themes.js";

// ws: {config, form, state, areas, categoryName(slug), statsShown()}
export function createStats(ws) {
  const { config, form, state } = ws;
  const choropleth = document.getElementById("show-choropleth");
  const byRate = document.getElementById("choropleth-rate");
  const legend = document.getElementById("choropleth-legend");
  let sort = { key: "count", desc: true };

  function renderTable() {
    const body = document.getElementById("stats-body");
    const rows = state.stats.collection.features.slice().sort((a, b) => {
      const x = sort.key === "count" ? a.properties.count - b.properties.count
        : sort.key === "rate" ? (rate(a.properties) ?? -1) - (rate(b.properties) ?? -1)
          : compareNames(a.properties.name, b.properties.name);
      return sort.desc ? -x : x;
    });
    body.textContent = "";
    rows.forEach((feature) => {
      const p = feature.properties;
      const tr = element("tr");
      tr.appendChild(element("th", null, p.name)).setAttribute("scope", "row");
      tr.appendChild(element("td", "number", formatNumber(p.count)));
      const top = Object.keys(p.categories).sort((a, b) => p.categories[b] - p.categories[a])[0];
      tr.appendChild(element("td", null, top ? ws.categoryName(top) + " (" + p.categories[top] + ")" : "–"));
      const perThousand = tr.appendChild(element("td", "number js-population", formatRate(rate(p))));
      perThousand.hidden = !state.stats.populationKnown;
      body.appendChild(tr);
    });
    document.querySelectorAll(".stats-table th[aria-sort]").forEach((th) => {
      const key = th.querySelector("button").dataset.sort;
      th.setAttribute("aria-sort", key === sort.key ? (sort.desc ? "descending" : "ascending") : "none");
    });
  }

  function renderLegend() {
    legend.hidden = !shown();
    if (legend.hidden || !state.stats) { return; }
    legend.textContent = "";
    const title = state.stats.byRate ? gettext("Forslag per 1000 innbyggere") : gettext("Antall forslag");
    legend.appendChild(element("p", "choropleth-legend__title", title));
    CHOROPLETH.forEach((colour, i) => {
      const row = element("p", "choropleth-legend__row");
      const swatch = element("span", "choropleth-legend__swatch");
      swatch.style.background = colour;
      row.append(swatch, document.createTextNode(classLabel(i, state.stats.max, state.stats.byRate)));
      legend.appendChild(row);
    });
  }

  function renderWeeks(weeks) {
    const chart = document.getElementById("weekly-chart");
    chart.textContent = "";
    if (!weeks.length) { chart.textContent = gettext("Ingen forslag."); return; }
    const max = Math.max(...weeks.map((w) => w.count)) || 1;
    const table = element("table", "weekly-table");
    table.appendChild(element("caption", "visually-hidden", gettext("Nye forslag per uke")));
    weeks.forEach((week) => {
      const tr = element("tr");
      tr.appendChild(element("th", null, formatDate(week.week_start, "short"))).setAttribute("scope", "row");
      const cell = element("td");
      const bar = element("span", "bar");
      bar.style.width = Math.max(2, Math.round((week.count / max) * 100)) + "%";
      bar.setAttribute("aria-hidden", "true");
      cell.append(bar, element("span", "bar__value", week.count));
      tr.appendChild(cell);
      table.appendChild(tr);
    });
    chart.appendChild(table);
  }

  // Counts per channel or per event. A group of 1–4 is never shown as a number
  // (mapping/small_groups.py).
  function renderGroups(bodyId, rows) {
    const body = document.getElementById(bodyId);
    body.textContent = "";
    if (!rows.length) {
      const tr = element("tr");
      tr.appendChild(element("td", null, gettext("Ingen forslag."))).colSpan = 2;
      body.appendChild(tr);
    }
    rows.forEach((row) => {
      const tr = element("tr");
      tr.appendChild(element("th", null, row.name)).setAttribute("scope", "row");
      tr.appendChild(element("td", "number", formatGroupCount(row)));
      body.appendChild(tr);
    });
  }

  // What the areas are coloured by: their count, or proposals per 1,000 inhabitants.
  function colourValues(collection) {
    const populationKnown = collection.features.some((f) => f.properties.population);
    const useRate = populationKnown && byRate.checked;
    const counts = {};
    let max = 0;
    collection.features.forEach((f) => {
      const value = useRate ? rate(f.properties) || 0 : f.properties.count;
      counts[f.properties.code] = value;
      max = Math.max(max, value);
    });
    return { collection, counts, max, byRate: useRate, populationKnown };
  }

  function load() {
    const byArea = filterParams(form);
    byArea.set("kind", form.kind.value);
    const filters = filterParams(form).toString();
    loadThemes(ws, filters); // slower than the counts: these fill in on their own
    ws.hotspots.load();
    const panel = document.getElementById("panel-stats");
    panel.setAttribute("aria-busy", "true");
    document.getElementById("stats-summary").textContent = gettext("Teller …");
    return Promise.all([
      getJSON(config.api.stats_areas + "?" + byArea.toString()),
      getJSON(config.api.stats_weeks + "?" + filters),
      getJSON(config.api.stats_channels + "?" + filters),
      getJSON(config.api.stats_events + "?" + filters),
      getJSON(config.api.stats_posters + "?" + filters),
      getJSON(config.api.stats_tags + "?" + filters),
      loadBackground(config.api.stats_background, form.campaign.value)
    ]).then(ws.current()).then(([collection, weeks, channels, events, posters, tags]) => {
      state.stats = colourValues(collection);
      document.getElementById("stats-summary").textContent = interpolate(
        gettext("%s forslag, %s utenfor områdene (for eksempel på sjøen)."), [formatNumber(collection.total), formatNumber(collection.outside)]
      );
      renderTable();
      renderLeastHeard(collection.features, config.least_heard_min_population);
      renderLegend();
      renderWeeks(weeks);
      renderGroups("channel-body", channels);
      renderGroups("event-body", events);
      renderGroups("poster-body", posters);
      renderGroups("tag-body", tags);
      ws.areas.restyle();
    }).finally(() => panel.removeAttribute("aria-busy"));
  }

  // Whether the areas are coloured by their count now.
  function shown() { return choropleth.checked && ws.statsShown(); }

  document.querySelectorAll(".stats-table th button").forEach((button) => {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      sort = { key, desc: sort.key === key ? !sort.desc : key === "count" };
      renderTable();
    });
  });
  byRate.addEventListener("change", () => {
    if (!state.stats) { return; }
    state.stats = colourValues(state.stats.collection);
    ws.areas.restyle();
    renderLegend();
  });
  choropleth.addEventListener("change", () => {
    ws.areas.restyle();
    renderLegend();
  });

  return { load, renderLegend, shown };
}
