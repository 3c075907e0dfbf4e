/* Hotspots: where the filtered set is significantly denser than expected (mapping/hotspots.py),
   listed in the numbers tab and, when asked, outlined on the map with their count, confidence and
   dominant category. */

import { errorMessage, getJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { formatNumber } from "../lib/format.js";
import { filterParams } from "./filters.js";
import { formatRate } from "./heard.js";

// ws: {config, form, map, current(), categoryName(slug), outcomes}
export function createHotspots(ws) {
  const form = document.getElementById("hotspot-form");
  const show = document.getElementById("hotspot-show");
  const status = document.getElementById("hotspot-status");
  const layer = L.geoJSON(null, {
    style: { color: "#c2185b", weight: 2, fillOpacity: 0.12, dashArray: "6 4" },
    interactive: false
  });

  function query() {
    const params = filterParams(ws.form);
    if (form.spacing.value) { params.set("spacing", form.spacing.value); }
    params.set("confidence", form.confidence.value);
    if (form.relative.checked) { params.set("relative", "inhabitants"); }
    return params;
  }

  function label(p) {
    const text = interpolate(gettext("%s forslag (sikkerhet %s), mest %s (%s)"),
      [formatNumber(p.count), p.confidence + " %", ws.categoryName(p.category), formatNumber(p.category_count)]);
    const rate = p.per_1000 === undefined ? text
      : text + " · " + interpolate(gettext("%s per 1000 innbyggere"), [formatRate(p.per_1000)]);
    return p.themes.length ? rate + " · " + p.themes.join(", ") : rate;
  }

  function render(collection) {
    const list = document.getElementById("hotspot-list");
    list.textContent = "";
    layer.clearLayers();
    layer.addData(collection);
    layer.eachLayer((outline) => outline.bindTooltip(label(outline.feature.properties)));
    collection.features.slice(0, 20).forEach((feature) => {
      const item = element("li", null, label(feature.properties) + " ");
      const link = element("button", "button button--small", gettext("Koble til valgt utfall"));
      link.type = "button";
      link.addEventListener("click", () => ws.outcomes.link({ id: feature.properties.proposals.join(",") }));
      item.appendChild(link);
      list.appendChild(item);
    });
    const method = collection.method;
    status.textContent = method.hexagon_spacing_m
      ? interpolate(gettext("%s hotspots, sekskanter %s m fra hverandre."),
        [formatNumber(collection.features.length), formatNumber(method.hexagon_spacing_m)])
      : interpolate(gettext("%s hotspots i forslag per 1000 innbyggere, over %s grunnkretser."),
        [formatNumber(collection.features.length), formatNumber(method.areas || 0)]);
  }

  function load() {
    const params = query();
    status.textContent = gettext("Finner hotspots …");
    return getJSON(ws.config.api.hotspots + "?" + params.toString())
      .then(ws.current()).then(render)
      .catch((error) => { if (error !== "stale") { status.textContent = errorMessage(error); } });
  }

  // The file is asked for in the format and CRS chosen for the proposals' export.
  document.getElementById("hotspot-download").addEventListener("click", (event) => {
    const params = query();
    params.set("download", "1");
    params.set("output", document.getElementById("export-format").value);
    params.set("crs", document.getElementById("export-crs").value);
    event.currentTarget.href = ws.config.api.hotspots + "?" + params.toString();
  });

  show.addEventListener("change", () => {
    if (show.checked) { layer.addTo(ws.map); } else { layer.remove(); }
  });
  form.addEventListener("change", (event) => { if (event.target !== show) { load(); } });
  form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  return { load };
}
