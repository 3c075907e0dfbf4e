/* Areas in the workspace: the picker list beside the map and the layer on it. Clicking an area
   picks it; with the numbers tab open the areas are coloured by their count. */

import { getJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { compareNames } from "../lib/format.js";
import { CHOROPLETH, classOf } from "./choropleth.js";
import { selectedAreas } from "./filters.js";

// ws: {map, form, config, state, onFilterChange(), choroplethShown()}
export function createAreas(ws) {
  const { map, form } = ws;
  let byCode = {};
  let fitted = false;
  let fittedAreas = null;

  function style(feature) {
    const code = feature.properties.code;
    const selected = selectedAreas(form).includes(code);
    const stats = ws.state.stats;
    if (stats && ws.choroplethShown()) {
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

  function bind(feature, layer) {
    byCode[feature.properties.code] = layer;
    layer.bindTooltip(feature.properties.name, { sticky: true });
    layer.on("click", () => {
      if (map.pm.globalDrawModeEnabled() || map.getContainer().classList.contains("is-picking")) { return; }
      const box = form.querySelector("input[name=area][value='" + feature.properties.code + "']");
      if (box) {
        box.checked = !box.checked;
        ws.onFilterChange();
      }
    });
  }

  const layer = L.geoJSON(null, { style, onEachFeature: bind }).addTo(map);

  // Hide the areas whose name does not match the search; picked ones always stay.
  function filterList() {
    const needle = document.getElementById("f-area-search").value.trim().toLowerCase();
    document.querySelectorAll("#f-area-list label").forEach((label) => {
      const checked = label.querySelector("input").checked;
      label.hidden = needle !== "" && !checked && !label.textContent.toLowerCase().includes(needle);
    });
  }

  function renderList(features, keep) {
    const container = document.getElementById("f-area-list");
    container.textContent = "";
    features.slice().sort((a, b) => compareNames(a.properties.name, b.properties.name)).forEach((feature) => {
      const label = element("label", "check");
      const box = element("input");
      box.type = "checkbox";
      box.name = "area";
      box.value = feature.properties.code;
      box.checked = keep.includes(box.value);
      label.append(box, document.createTextNode(feature.properties.name + " (" + feature.properties.code + ")"));
      container.appendChild(label);
    });
    filterList();
  }

  // The areas of the chosen kind; `keep` are the codes to show as picked.
  function load(keep) {
    const url = new URL(ws.config.api.areas, window.location.href);
    url.searchParams.set("kind", form.kind.value);
    return getJSON(url.pathname + url.search).then((collection) => {
      byCode = {};
      layer.clearLayers();
      layer.addData(collection);
      renderList(collection.features, keep);
      if (!fitted && layer.getBounds().isValid()) {
        map.fitBounds(layer.getBounds(), { animate: false });
        fitted = true;
      }
    });
  }

  // Zoom to the picked areas when the pick changes, so the planner sees what they chose.
  function fitToSelected() {
    const codes = selectedAreas(form);
    if (codes.join(",") === fittedAreas) { return; }
    fittedAreas = codes.join(",");
    const bounds = L.latLngBounds([]);
    codes.forEach((code) => { if (byCode[code]) { bounds.extend(byCode[code].getBounds()); } });
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 }); }
  }

  return { load, filterList, fitToSelected, restyle: () => layer.setStyle(style) };
}
