/* Planner workspace: filters, map and list in sync, numbers per area, moderation and answers. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("workspace-config").textContent);
  var symbols = window.FremtidskartSymbols;
  var PAGE_SIZE = 50;
  var CHOROPLETH = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];

  var form = document.getElementById("filters");
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
  var list = document.getElementById("result-list");
  var detail = document.getElementById("detail");
  // Pages are keyset cursors: `cursor` is this page's, `previous` the cursors before it.
  var state = { cursor: null, previous: [], next: null, selected: null, stats: null, sort: { key: "count", desc: true } };
  var categories = {};
  var areaFeatures = {};

  // ---- Map ----

  // Whole zoom levels: the aggregated layer asks for tiles of the current zoom.
  var map = L.map("map", { zoomSnap: 1 }).setView([59.93, 10.52], 11);
  if (config.basemap.url) {
    L.tileLayer(config.basemap.url, {
      attribution: config.basemap.attribution, maxZoom: config.basemap.max_zoom
    }).addTo(map);
  }
  var areaLayer = L.geoJSON(null, { style: areaStyle, onEachFeature: bindArea }).addTo(map);
  var proposalLayer = null; // the aggregated layer, started once categories are known
  var drawnLayer = L.featureGroup().addTo(map);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function formatDate(iso) {
    return new Date(iso).toLocaleDateString(document.documentElement.lang || "nb", {
      year: "numeric", month: "short", day: "numeric"
    });
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw body; }
          return body;
        });
      });
  }

  function postJSON(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw data; }
        return data;
      });
    });
  }

  function errorText(errors) {
    if (!errors || typeof errors !== "object") { return gettext("Noe gikk galt. Prøv igjen."); }
    return Object.keys(errors).map(function (key) { return [].concat(errors[key]).join(" "); }).join(" ");
  }

  // ---- Filters and the URL ----

  function selectedAreas() {
    return Array.prototype.map.call(form.querySelectorAll("input[name=area]:checked"), function (box) {
      return box.value;
    });
  }

  function filterParams() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "" && key !== "kind") { params.append(key, value); }
    });
    return params;
  }

  function syncUrl() {
    var params = filterParams();
    params.set("kind", form.kind.value);
    if (state.cursor) { params.set("cursor", state.cursor); }
    if (!document.getElementById("panel-stats").hidden) { params.set("tab", "stats"); }
    history.replaceState(null, "", "?" + params.toString());
  }

  function restoreFromUrl() {
    var params = new URLSearchParams(location.search);
    if (!params.toString()) { return { areas: [] }; }
    Array.prototype.forEach.call(form.elements, function (control) {
      if (!control.name || control.name === "area") { return; }
      var values = params.getAll(control.name);
      if (control.type === "checkbox") {
        control.checked = values.indexOf(control.value) >= 0;
      } else if (control.tagName === "SELECT" || control.type !== "button") {
        control.value = values.length ? values[0] : (control.name === "ordering" ? "-created" : "");
      }
    });
    if (!params.get("kind")) { form.kind.value = "delomrade"; }
    state.cursor = params.get("cursor");
    if (params.get("within")) { showDrawn(JSON.parse(params.get("within"))); }
    if (params.get("tab") === "stats") { showTab("stats"); }
    return { areas: params.getAll("area") };
  }

  // ---- Areas: picker list and map layer ----

  function areaStyle(feature) {
    var code = feature.properties.code;
    var selected = selectedAreas().indexOf(code) >= 0;
    var stats = state.stats;
    if (stats && document.getElementById("show-choropleth").checked && !document.getElementById("panel-stats").hidden) {
      return {
        color: selected ? "#0b3d5c" : "#555", weight: selected ? 3 : 1,
        fillColor: CHOROPLETH[classOf(stats.counts[code] || 0, stats.max)], fillOpacity: 0.75
      };
    }
    return {
      color: selected ? "#0b3d5c" : "#5b6770", weight: selected ? 3 : 1,
      fillColor: "#0b3d5c", fillOpacity: selected ? 0.18 : 0.02
    };
  }

  function bindArea(feature, layer) {
    areaFeatures[feature.properties.code] = layer;
    layer.bindTooltip(feature.properties.name, { sticky: true });
    layer.on("click", function () {
      if (map.pm.globalDrawModeEnabled()) { return; }
      var box = form.querySelector("input[name=area][value='" + feature.properties.code + "']");
      if (box) {
        box.checked = !box.checked;
        onFilterChange();
      }
    });
  }

  function renderAreaList(features, keep) {
    var container = document.getElementById("f-area-list");
    container.textContent = "";
    features.slice().sort(function (a, b) {
      return a.properties.name.localeCompare(b.properties.name, "nb", { numeric: true });
    }).forEach(function (feature) {
      var label = element("label", "check");
      var box = element("input");
      box.type = "checkbox";
      box.name = "area";
      box.value = feature.properties.code;
      box.checked = keep.indexOf(box.value) >= 0;
      label.appendChild(box);
      label.appendChild(document.createTextNode(feature.properties.name + " (" + feature.properties.code + ")"));
      container.appendChild(label);
    });
    filterAreaList();
  }

  function filterAreaList() {
    var needle = document.getElementById("f-area-search").value.trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll("#f-area-list label"), function (label) {
      var checked = label.querySelector("input").checked;
      label.hidden = needle !== "" && !checked && label.textContent.toLowerCase().indexOf(needle) < 0;
    });
  }

  function loadAreas(keep) {
    return getJSON(config.api.areas + "?kind=" + encodeURIComponent(form.kind.value)).then(function (collection) {
      areaFeatures = {};
      areaLayer.clearLayers();
      areaLayer.addData(collection);
      renderAreaList(collection.features, keep);
      if (!state.fitted && areaLayer.getBounds().isValid()) {
        map.fitBounds(areaLayer.getBounds(), { animate: false });
        state.fitted = true;
      }
    });
  }

  // ---- Drawn polygon ----

  function showDrawn(geometry) {
    drawnLayer.clearLayers();
    L.geoJSON(geometry, { style: { color: "#c2185b", weight: 3, fillOpacity: 0.08 }, pmIgnore: true })
      .eachLayer(function (layer) { drawnLayer.addLayer(layer); });
    document.getElementById("f-within").value = JSON.stringify(geometry);
    document.getElementById("clear-polygon").hidden = false;
  }

  map.on("pm:create", function (event) {
    var geometry = event.layer.toGeoJSON().geometry;
    map.removeLayer(event.layer);
    showDrawn(geometry);
    setDrawing(false);
    onFilterChange();
  });

  function setDrawing(on) {
    var button = document.getElementById("draw-polygon");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    if (on) {
      map.pm.enableDraw("Polygon", { snappable: false, templineStyle: { color: "#c2185b" } });
    } else {
      map.pm.disableDraw();
    }
  }

  document.getElementById("draw-polygon").addEventListener("click", function () {
    setDrawing(!map.pm.globalDrawModeEnabled());
  });
  document.getElementById("clear-polygon").addEventListener("click", function () {
    drawnLayer.clearLayers();
    document.getElementById("f-within").value = "";
    this.hidden = true;
    onFilterChange();
  });

  // ---- List, markers, detail ----

  function categoryName(slug) { return categories[slug] ? categories[slug].name : slug; }

  function renderRow(feature) {
    var p = feature.properties;
    var item = element("li", "result");
    item.dataset.id = feature.id;
    var button = element("button", "result__button");
    button.type = "button";
    button.appendChild(element("span", "result__title", p.title));
    var meta = element("span", "result__meta");
    meta.insertAdjacentHTML("beforeend", symbols.svg(categories[p.category], 14));
    meta.appendChild(document.createTextNode(
      categoryName(p.category) + " · " + config.statuses[p.status] + " · " + formatDate(p.created_at)
    ));
    button.appendChild(meta);
    if (p.visibility !== "published") {
      button.appendChild(element("span", "badge badge--" + p.visibility, config.visibilities[p.visibility]));
    }
    button.addEventListener("click", function () { select(feature.id, true); });
    item.appendChild(button);
    if (feature.id === state.selected) { item.classList.add("is-selected"); }
    return item;
  }

  // Each refresh has a generation; answers to older ones arrive late and are dropped.
  var generation = 0;

  function current(run) {
    return function (value) { return run === generation ? value : Promise.reject("stale"); };
  }

  function loadList() {
    var run = generation;
    var params = filterParams();
    params.set("limit", PAGE_SIZE);
    if (state.cursor) { params.set("cursor", state.cursor); }
    return getJSON(config.api.proposals + "?" + params.toString()).then(current(run)).then(function (page) {
      list.textContent = "";
      page.features.forEach(function (feature) { list.appendChild(renderRow(feature)); });
      state.next = page.cursor;
      var number = state.previous.length + 1;
      document.getElementById("page-info").textContent = interpolate(gettext("Side %s"), [number]);
      document.getElementById("page-prev").disabled = state.previous.length === 0;
      document.getElementById("page-next").disabled = !state.next;
    });
  }

  function loadCount() {
    var run = generation;
    return getJSON(config.api.proposals + "count/?" + filterParams().toString()).then(current(run)).then(function (result) {
      var text = result.count === 1 ? gettext("1 forslag") : interpolate(gettext("%s forslag"), [result.count]);
      if (!result.exact) { text = interpolate(gettext("Over %s forslag"), [result.count]); }
      document.getElementById("result-count").textContent = text;
    });
  }

  // The selected proposal's marker stands out, also after tiles are drawn again.
  function highlightMarker() {
    document.querySelectorAll("#map .symbol-marker.is-selected").forEach(function (icon) {
      icon.classList.remove("is-selected");
    });
    var marker = state.selected && proposalLayer.single(state.selected);
    if (marker && marker.getElement()) {
      marker.getElement().classList.add("is-selected");
      marker.setZIndexOffset(1000);
    }
  }

  function select(id, fromList) {
    state.selected = id;
    Array.prototype.forEach.call(list.children, function (row) {
      var match = String(row.dataset.id) === String(id);
      row.classList.toggle("is-selected", match);
      if (match && !fromList) { row.scrollIntoView({ block: "nearest" }); }
    });
    highlightMarker();
    getJSON(config.api.proposals + id + "/").then(function (feature) {
      showDetail(feature);
      if (fromList) {
        // Zoom in far enough for the proposal to stand alone, not inside a count.
        var c = feature.geometry.coordinates;
        map.setView([c[1], c[0]], Math.max(map.getZoom(), 16));
      }
    });
  }

  function showDetail(feature) {
    var p = feature.properties;
    detail.hidden = false;
    detail.dataset.id = feature.id;
    document.getElementById("detail-errors").hidden = true;
    document.getElementById("detail-title").textContent = p.title;
    detail.querySelector(".detail__meta").textContent =
      categoryName(p.category) + " · " + config.statuses[p.status] + " · " + formatDate(p.created_at) +
      (p.name ? " · " + p.name : "");
    detail.querySelector(".detail__body").textContent = p.body;
    detail.querySelector(".detail__areas").textContent = p.areas
      .filter(function (a) { return a.kind !== "territorium"; })
      .map(function (a) { return a.name; }).join(" · ");
    var statusForm = document.getElementById("status-form");
    statusForm.hidden = !config.can_answer;
    statusForm.status.value = p.status;
    statusForm.answer.value = p.answer;
    var moderation = document.getElementById("moderation-form");
    moderation.hidden = !config.can_moderate;
    moderation.querySelector(".detail__visibility").textContent =
      gettext("Synlighet:") + " " + config.visibilities[p.visibility];
    moderation.querySelector("[value=approve]").hidden = p.visibility !== "pending";
    moderation.querySelector("[value=hide]").hidden = p.visibility === "hidden";
    moderation.querySelector("[value=publish]").hidden = p.visibility !== "hidden";
  }

  function detailAction(path, body, message) {
    var errors = document.getElementById("detail-errors");
    postJSON(config.api.proposals + detail.dataset.id + "/" + path + "/", body).then(function (feature) {
      showDetail(feature);
      announce(message);
      refresh({ keepPage: true });
    }).catch(function (error) {
      errors.textContent = errorText(error);
      errors.hidden = false;
    });
  }

  document.getElementById("status-form").addEventListener("submit", function (event) {
    event.preventDefault();
    detailAction("status", { status: this.status.value, answer: this.answer.value }, gettext("Status og svar er lagret."));
  });
  document.getElementById("moderation-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var action = event.submitter ? event.submitter.value : "hide";
    detailAction("moderation", { action: action, reason: this.reason.value }, gettext("Modereringen er lagret."));
    this.reason.value = "";
  });

  function announce(message) {
    var box = document.getElementById("result-count");
    box.textContent = message;
  }

  // ---- Numbers per area ----

  function classOf(count, max) {
    if (!count || !max) { return 0; }
    return Math.min(CHOROPLETH.length - 1, 1 + Math.floor((count / max) * (CHOROPLETH.length - 1) - 1e-9));
  }

  function loadStats() {
    var params = filterParams();
    params.set("kind", form.kind.value);
    return Promise.all([
      getJSON(config.api.stats_areas + "?" + params.toString()),
      getJSON(config.api.stats_weeks + "?" + filterParams().toString())
    ]).then(function (results) {
      var collection = results[0];
      var counts = {};
      var max = 0;
      collection.features.forEach(function (f) {
        counts[f.properties.code] = f.properties.count;
        max = Math.max(max, f.properties.count);
      });
      state.stats = { collection: collection, counts: counts, max: max };
      document.getElementById("stats-summary").textContent = interpolate(
        gettext("%s forslag, %s utenfor områdene (for eksempel på sjøen)."), [collection.total, collection.outside]
      );
      renderStatsTable();
      renderLegend();
      renderWeeks(results[1]);
      areaLayer.setStyle(areaStyle);
    });
  }

  function renderStatsTable() {
    var body = document.getElementById("stats-body");
    var sort = state.sort;
    var rows = state.stats.collection.features.slice().sort(function (a, b) {
      var x = sort.key === "count" ? a.properties.count - b.properties.count
        : a.properties.name.localeCompare(b.properties.name, "nb", { numeric: true });
      return sort.desc ? -x : x;
    });
    body.textContent = "";
    rows.forEach(function (feature) {
      var p = feature.properties;
      var tr = element("tr");
      tr.appendChild(element("th", null, p.name)).setAttribute("scope", "row");
      tr.appendChild(element("td", "number", p.count));
      var top = Object.keys(p.categories).sort(function (a, b) { return p.categories[b] - p.categories[a]; })[0];
      tr.appendChild(element("td", null, top ? categoryName(top) + " (" + p.categories[top] + ")" : "–"));
      body.appendChild(tr);
    });
    document.querySelectorAll(".stats-table th[aria-sort]").forEach(function (th) {
      var key = th.querySelector("button").dataset.sort;
      th.setAttribute("aria-sort", key === sort.key ? (sort.desc ? "descending" : "ascending") : "none");
    });
  }

  function renderLegend() {
    var legend = document.getElementById("choropleth-legend");
    var show = document.getElementById("show-choropleth").checked && !document.getElementById("panel-stats").hidden;
    legend.hidden = !show;
    if (!show) { return; }
    legend.textContent = "";
    legend.appendChild(element("p", "choropleth-legend__title", gettext("Antall forslag")));
    var max = state.stats.max;
    var step = max / (CHOROPLETH.length - 1);
    CHOROPLETH.forEach(function (colour, i) {
      var row = element("p", "choropleth-legend__row");
      var swatch = element("span", "choropleth-legend__swatch");
      swatch.style.background = colour;
      row.appendChild(swatch);
      var label = i === 0 ? "0" : Math.floor(step * (i - 1)) + 1 + "–" + Math.ceil(step * i);
      row.appendChild(document.createTextNode(label));
      legend.appendChild(row);
    });
  }

  function renderWeeks(weeks) {
    var chart = document.getElementById("weekly-chart");
    chart.textContent = "";
    if (!weeks.length) { chart.textContent = gettext("Ingen forslag."); return; }
    var max = Math.max.apply(null, weeks.map(function (w) { return w.count; })) || 1;
    var table = element("table", "weekly-table");
    var caption = element("caption", "visually-hidden", gettext("Nye forslag per uke"));
    table.appendChild(caption);
    weeks.forEach(function (week) {
      var tr = element("tr");
      tr.appendChild(element("th", null, formatDate(week.week_start))).setAttribute("scope", "row");
      var cell = element("td");
      var bar = element("span", "bar");
      bar.style.width = Math.max(2, Math.round((week.count / max) * 100)) + "%";
      bar.setAttribute("aria-hidden", "true");
      cell.appendChild(bar);
      cell.appendChild(element("span", "bar__value", week.count));
      tr.appendChild(cell);
      table.appendChild(tr);
    });
    chart.appendChild(table);
  }

  document.querySelectorAll(".stats-table th button").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.dataset.sort;
      state.sort = { key: key, desc: state.sort.key === key ? !state.sort.desc : key === "count" };
      renderStatsTable();
    });
  });

  // ---- Tabs ----

  function showTab(name) {
    ["list", "stats"].forEach(function (tab) {
      var on = tab === name;
      var button = document.getElementById("tab-" + tab);
      button.setAttribute("aria-selected", on ? "true" : "false");
      button.tabIndex = on ? 0 : -1;
      document.getElementById("panel-" + tab).hidden = !on;
    });
  }

  document.querySelectorAll("[role=tab]").forEach(function (tab) {
    tab.addEventListener("click", function () {
      showTab(tab.id.replace("tab-", ""));
      syncUrl();
      if (tab.id === "tab-stats") { loadStats(); } else { areaLayer.setStyle(areaStyle); renderLegendHidden(); }
    });
    tab.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        var other = document.getElementById(tab.id === "tab-list" ? "tab-stats" : "tab-list");
        other.focus();
        other.click();
      }
    });
  });

  function renderLegendHidden() { document.getElementById("choropleth-legend").hidden = true; }

  document.getElementById("show-choropleth").addEventListener("change", function () {
    areaLayer.setStyle(areaStyle);
    renderLegend();
  });

  // ---- Export ----

  function updateExport() {
    var params = filterParams();
    params.set("output", document.getElementById("export-format").value);
    params.set("crs", document.getElementById("export-crs").value);
    document.getElementById("export-link").href = config.api.export + "?" + params.toString();
  }
  document.getElementById("export-format").addEventListener("change", updateExport);
  document.getElementById("export-crs").addEventListener("change", updateExport);

  // ---- Refreshing ----

  var timer = null;

  function refresh(options) {
    generation += 1;
    syncUrl();
    updateExport();
    areaLayer.setStyle(areaStyle);
    var work = [loadList()];
    if (!(options && options.keepPage)) {
      work.push(loadCount());
      proposalLayer.refresh();
    }
    if (!document.getElementById("panel-stats").hidden) { work.push(loadStats()); }
    return Promise.all(work).then(function () {
      document.getElementById("map").setAttribute("data-ready", "true");
    }).catch(function (error) {
      if (error !== "stale") { document.getElementById("result-count").textContent = errorText(error); }
    });
  }

  // Zoom to the picked areas when the pick changes, so the planner sees what they chose.
  function fitToSelectedAreas() {
    var key = selectedAreas().join(",");
    if (key === state.fittedAreas) { return; }
    state.fittedAreas = key;
    var bounds = L.latLngBounds([]);
    selectedAreas().forEach(function (code) {
      if (areaFeatures[code]) { bounds.extend(areaFeatures[code].getBounds()); }
    });
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 }); }
  }

  function onFilterChange() {
    state.cursor = null;
    state.previous = [];
    fitToSelectedAreas();
    filterAreaList();
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 250);
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "kind") {
      loadAreas(selectedAreas()).then(onFilterChange);
      return;
    }
    onFilterChange();
  });
  document.getElementById("f-q").addEventListener("input", onFilterChange);
  document.getElementById("f-area-search").addEventListener("input", filterAreaList);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      drawnLayer.clearLayers();
      document.getElementById("clear-polygon").hidden = true;
      onFilterChange();
    }, 0);
  });
  document.getElementById("page-prev").addEventListener("click", function () {
    state.cursor = state.previous.pop() || null;
    refresh({ keepPage: true });
  });
  document.getElementById("page-next").addEventListener("click", function () {
    state.previous.push(state.cursor);
    state.cursor = state.next;
    refresh({ keepPage: true });
  });

  // ---- Start ----

  var restored = restoreFromUrl();
  getJSON(config.api.categories).then(function (items) {
    items.forEach(function (c) { categories[c.slug] = c; });
    proposalLayer = window.FremtidskartProposalLayer(map, {
      url: function (c) {
        return config.api.proposals + "tiles/" + c.z + "/" + c.x + "/" + c.y + "/?" + filterParams().toString();
      },
      categories: function () { return categories; },
      onSingle: function (feature) { select(feature.id, false); },
      onDraw: function (marker, feature) {
        if (feature.id && String(feature.id) === String(state.selected)) { highlightMarker(); }
      },
      clusterTitle: function (count) { return interpolate(gettext("%s forslag her. Zoom inn."), [count]); }
    });
    return loadAreas(restored.areas);
  }).then(refresh);
})();
