/* The small map on a proposal's page: where it is, nothing more. */

import { createMap } from "./lib/basemap.js";
import { readConfig } from "./lib/dom.js";

const config = readConfig("detail-config");
const point = [config.point.lat, config.point.lon];
const map = createMap("detail-map", { basemap: config.basemap, view: { bounds: [point, point] } }, {
  zoomControl: false, dragging: false, scrollWheelZoom: false, keyboard: false, maxZoom: 15
});
L.circleMarker(point, { radius: 10, color: "#fff", weight: 3, fillColor: "#0b3d5c", fillOpacity: 1 }).addTo(map);
