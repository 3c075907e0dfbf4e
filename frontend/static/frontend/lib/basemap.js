/* A Leaflet map over the shown place: its view comes from the page's data, never from constants. */

// view: {bounds: [[south, west], [north, east]]} of the place, or null when there is none yet.
export function createMap(container, { basemap, view }, options = {}) {
  const map = L.map(container, options);
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
