/* The small map on a proposal's page: where it is (its pin, line or area), nothing more. */

import { createMap } from "./lib/basemap.js";
import { readConfig } from "./lib/dom.js";

const config = readConfig("detail-config");
const point = [config.point.lat, config.point.lon];
const map = createMap("detail-map", { basemap: config.basemap, view: { bounds: [point, point] } }, {
  zoomControl: false, dragging: false, scrollWheelZoom: false, keyboard: false, maxZoom: 15
});
if (config.shape) {
  // A line or an area, whole.
  const shape = L.geoJSON(config.shape, { style: { color: "#0b3d5c", weight: 4, fillOpacity: 0.2 } }).addTo(map);
  map.fitBounds(shape.getBounds(), { padding: [12, 12], maxZoom: 15 });
} else {
  L.circleMarker(point, { radius: 10, color: "#fff", weight: 3, fillColor: "#0b3d5c", fillOpacity: 1 }).addTo(map);
}
