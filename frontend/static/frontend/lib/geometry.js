/* Where a proposal is on a map, whatever its kind: a pin's point, or the middle of a line's or an
   area's bounds; and its size in words ("Område, 2 470 m² (2,5 daa)"). */

import { formatArea, formatLength } from "./measure.js";

export function anchor(geometry) {
  if (geometry.type === "Point") { return L.latLng(geometry.coordinates[1], geometry.coordinates[0]); }
  return L.geoJSON(geometry).getBounds().getCenter();
}

export function sizeText(properties) {
  if (properties.kind === "area") { return interpolate(gettext("Område, %s"), [formatArea(properties.area_m2)]); }
  if (properties.kind === "line") { return interpolate(gettext("Linje, %s"), [formatLength(properties.length_m)]); }
  return "";
}
