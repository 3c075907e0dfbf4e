/* Planner workspace: filters, map and list in sync, numbers per area, moderation and answers. */

import { errorMessage, getJSON } from "./lib/api.js";
import { createMap } from "./lib/basemap.js";
import { readConfig } from "./lib/dom.js";
import { ProposalLayer } from "./lib/proposal_layer.js";
import { createSymbols } from "./lib/symbols.js";
import { createAreas } from "./workspace/areas.js";
import { createDetail } from "./workspace/detail.js";
import { createDrawing } from "./workspace/drawing.js";
import { createDuplicates } from "./workspace/duplicates.js";
import { createHotspots } from "./workspace/hotspots.js";
import { filterParams, restoreFromUrl, selectedAreas, syncUrl } from "./workspace/filters.js";
import { createOutcomes } from "./workspace/outcomes.js";
import { createPosterForm } from "./workspace/poster.js";
import { createExport, createReport } from "./workspace/report.js";
import { createTagging } from "./workspace/tags.js";
import { createResults } from "./workspace/results.js";
import { createStats } from "./workspace/stats.js";

const STALE = "stale";
const config = readConfig("workspace-config");
const form = document.getElementById("filters");
const countBox = document.getElementById("result-count");
let generation = 0; // each refresh has one; answers to older ones arrive late and are dropped
let timer = null;

// The workspace's parts share this: what the planner chose, and what each part offers the others.
const ws = {
  config,
  form,
  // Whole zoom levels: the proposal layer draws its cells 64 px apart only there.
  map: createMap("map", config, { zoomSnap: 1 }),
  symbols: createSymbols(config.sprite),
  categories: {},
  // Pages are keyset cursors: `cursor` is this page's, `previous` the cursors before it.
  state: { cursor: null, previous: [], next: null, selected: null, stats: null },
  layer: null,
  categoryName: (slug) => (ws.categories[slug] ? ws.categories[slug].name : slug),
  statsShown: () => !document.getElementById("panel-stats").hidden,
  choroplethShown: () => ws.stats.shown(),
  current() {
    const run = generation;
    return (value) => (run === generation ? value : Promise.reject(STALE));
  },
  refresh,
  onFilterChange
};
ws.areas = createAreas(ws);
ws.drawing = createDrawing(ws);
ws.results = createResults(ws);
ws.stats = createStats(ws);
ws.hotspots = createHotspots(ws);
ws.select = createDetail(ws).select;
createPosterForm(ws);
ws.tagging = createTagging(ws);
ws.duplicates = createDuplicates(ws);
ws.outcomes = createOutcomes(ws);
createReport(ws);
createExport(ws);

// ---- Tabs ----

function showTab(name) {
  ["list", "stats"].forEach((tab) => {
    const on = tab === name;
    const button = document.getElementById("tab-" + tab);
    button.setAttribute("aria-selected", on ? "true" : "false");
    button.tabIndex = on ? 0 : -1;
    document.getElementById("panel-" + tab).hidden = !on;
  });
}

document.querySelectorAll("[role=tab]").forEach((tab) => {
  tab.addEventListener("click", () => {
    showTab(tab.id.replace("tab-", ""));
    syncUrl(form, { cursor: ws.state.cursor, statsShown: ws.statsShown() });
    ws.stats.renderLegend();
    ws.areas.restyle();
    if (ws.statsShown()) { ws.stats.load().catch(showError); }
  });
  tab.addEventListener("keydown", (event) => {
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      const other = document.getElementById(tab.id === "tab-list" ? "tab-stats" : "tab-list");
      other.focus();
      other.click();
    }
  });
});

// ---- Refreshing ----

function showError(error) {
  if (error !== STALE) { countBox.textContent = errorMessage(error); }
}

// keepPage: only the list changed (another page, an answer saved), not the filters.
function refresh(options = {}) {
  generation += 1;
  syncUrl(form, { cursor: ws.state.cursor, statsShown: ws.statsShown() });
  ws.areas.restyle();
  const work = [ws.results.loadList()];
  if (!options.keepPage) {
    work.push(ws.results.loadCount());
    // The first refresh puts the layer on the map; later ones fetch its tiles again. (Added
    // before, its tiles would be fetched twice at start.)
    if (ws.map.hasLayer(ws.layer)) { ws.layer.refresh(); } else { ws.layer.addTo(ws.map); }
  }
  if (ws.statsShown()) { work.push(ws.stats.load()); }
  return Promise.all(work).then(() => {
    document.getElementById("map").setAttribute("data-ready", "true");
  }).catch(showError);
}

function onFilterChange() {
  ws.state.cursor = null;
  ws.state.previous = [];
  ws.areas.fitToSelected();
  ws.areas.filterList();
  window.clearTimeout(timer);
  timer = window.setTimeout(refresh, 250);
}

form.addEventListener("change", (event) => {
  if (event.target.name === "kind") {
    ws.areas.load(selectedAreas(form)).then(onFilterChange);
    return;
  }
  onFilterChange();
});
document.getElementById("f-q").addEventListener("input", onFilterChange);
document.getElementById("f-area-search").addEventListener("input", ws.areas.filterList);
form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("reset", () => {
  window.setTimeout(() => {
    ws.drawing.clear();
    onFilterChange();
  }, 0);
});

// ---- Start ----

const restored = restoreFromUrl(form);
ws.state.cursor = restored.cursor;
if (restored.within) { ws.drawing.show(restored.within); }
if (restored.tab === "stats") { showTab("stats"); }

getJSON(config.api.categories).then((items) => {
  items.forEach((c) => { ws.categories[c.slug] = c; });
  ws.layer = new ProposalLayer({
    url: (c) => config.api.proposals + "tiles/" + c.z + "/" + c.x + "/" + c.y + "/?" + filterParams(form).toString(),
    singleIcon: (feature) => ws.symbols.icon(ws.categories[feature.properties.category]),
    shapeColour: (feature) => ws.symbols.colour(ws.categories[feature.properties.category]),
    onSingle: (feature) => ws.select(feature.id, false),
    onDraw: (marker, feature) => {
      if (feature.id && String(feature.id) === String(ws.state.selected)) { ws.results.highlightMarker(); }
    },
    clusterTitle: (count) => interpolate(gettext("%s forslag her. Zoom inn."), [count])
  });
  return ws.areas.load(restored.areas);
}).then(refresh).catch(showError);
