/* A Leaflet map over the shown place: its view comes from the page's data, never from constants.
   Visitors who ask their system for reduced motion get a map that jumps instead of gliding. */

const REDUCED_MOTION = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

// view: {bounds: [[south, west], [north, east]]} of the place, or null when there is none yet.
export function createMap(container, { basemap, view }, options = {}) {
  const still = REDUCED_MOTION ? { zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, inertia: false } : {};
  const map = L.map(container, { ...still, ...options });
  if (REDUCED_MOTION) {
    // Leaflet animates every pan (a popup's auto-pan too) unless told not to, pan by pan.
    const panBy = map.panBy;
    map.panBy = (offset, panOptions) => panBy.call(map, offset, { ...panOptions, animate: false });
  }
  if (view && view.bounds) {
    map.fitBounds(view.bounds, { animate: false });
  } else {
    map.fitWorld({ animate: false });
  }
  if (basemap && basemap.url) {
    L.tileLayer(basemap.url, { attribution: basemap.attribution, maxZoom: basemap.max_zoom }).addTo(map);
  }
  return map;
}
