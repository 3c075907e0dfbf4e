/* A line's length and an area's size on the ground, from Leaflet LatLngs, written in the page's
   language: what a resident sees before sending (the server measures again, on the ellipsoid). */

import { pageLanguage } from "./format.js";

const EARTH_RADIUS_M = 6371008.8; // the mean radius: within half a percent of the ellipsoid here
const rad = (degrees) => degrees * Math.PI / 180;

export function lengthM(latlngs) {
  let total = 0;
  for (let i = 1; i < latlngs.length; i += 1) {
    const a = latlngs[i - 1];
    const b = latlngs[i];
    const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
      Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
    total += 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
  }
  return total;
}

// A ring's area on the sphere (the spherical excess of its edges, as Leaflet.draw computes it).
export function areaM2(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length; i += 1) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    sum += rad(b.lng - a.lng) * (2 + Math.sin(rad(a.lat)) + Math.sin(rad(b.lat)));
  }
  return Math.abs(sum * EARTH_RADIUS_M * EARTH_RADIUS_M / 2);
}

function number(value, digits = 0) {
  return new Intl.NumberFormat(pageLanguage(), {
    maximumFractionDigits: digits, minimumFractionDigits: digits
  }).format(value);
}

// "450 m", "1,2 km"
export function formatLength(metres) {
  return metres < 1000 ? number(metres) + " m" : number(metres / 1000, 1) + " km";
}

// "850 m²", "2 470 m² (2,5 daa)", "878 daa", "1,3 km²": dekar (1,000 m²) is how Norwegian plans
// count land.
export function formatArea(m2) {
  if (m2 < 1000) { return number(m2) + " m²"; }
  if (m2 < 100000) { return number(m2) + " m² (" + number(m2 / 1000, 1) + " daa)"; }
  if (m2 < 1000000) { return number(m2 / 1000) + " daa"; }
  return number(m2 / 1000000, 1) + " km²";
}
