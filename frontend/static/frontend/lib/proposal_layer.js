/* The aggregated proposal layer, a Leaflet GridLayer: one request per map tile, counts where
   proposals are dense and single proposals (category symbol, title) where they are sparse.
   Used by the resident map and the planner workspace.

   The server splits each 256 px tile into 4 × 4 cells of 64 px and sends one feature per cell
   (mapping/map_layer.py). Each marker is drawn inside its own cell, so no two markers overlap and
   each stays a target of at least 24 px (WCAG 2.2, 2.5.8). The map must use whole zoom levels
   (zoomSnap: 1), or the cells are drawn smaller than 64 px. */

import { getJSON } from "./api.js";

const CELL_PX = 64;
const GAP_PX = 2; // kept free on each side of a marker inside its cell

// Markers are buttons (role, tabindex from Leaflet): a click, Enter or Space activates them.
function activate(marker, action) {
  marker.on("click", action);
  marker.on("keypress", (event) => {
    const key = event.originalEvent.key;
    if (key === "Enter" || key === " ") {
      event.originalEvent.preventDefault();
      action(event);
    }
  });
}

// Even sizes, so that a marker's centre falls on a whole pixel.
function bubbleSize(count) {
  return Math.min(CELL_PX - 2 * GAP_PX, 2 * Math.round(15 + 5 * Math.log10(count)));
}

function bubble(count) {
  const size = bubbleSize(count);
  const label = count >= 10000 ? Math.round(count / 1000) + "k" : String(count);
  return L.divIcon({
    html: '<span class="cluster__count">' + label + "</span>",
    className: "cluster", iconSize: [size, size], iconAnchor: [size / 2, size / 2]
  });
}

function tileKey(coords) { return coords.z + "/" + coords.x + "/" + coords.y; }

/* options: url(coords) -> tile URL; singleIcon(feature) -> L.Icon for a single proposal;
   shapeColour(feature) -> the CSS colour of a single proposal's line or area;
   onSingle(feature, marker, event) when a single proposal is chosen; onCluster(marker, zoom, event)
   when a count is chosen (default: zoom in two levels); onDraw(marker, feature) after each marker is
   drawn (optional); clusterTitle(count) -> accessible name for a count. */
export const ProposalLayer = L.GridLayer.extend({
  options: { tileSize: 256, updateWhenZooming: false, keepBuffer: 1, singleSize: 26 },

  initialize(options) {
    L.GridLayer.prototype.initialize.call(this, options);
    this._markers = L.layerGroup();
    this._byTile = {};
    this._singles = {};
    this._requests = {};
    this._version = 0;
  },

  onAdd(map) {
    this._markers.addTo(map);
    this.on("tileunload", this._unload, this);
    L.GridLayer.prototype.onAdd.call(this, map);
  },

  onRemove(map) {
    L.GridLayer.prototype.onRemove.call(this, map);
    this.off("tileunload", this._unload, this);
    Object.values(this._requests).forEach((request) => request.abort());
    this._requests = {};
    this._clear();
    this._markers.remove();
  },

  createTile(coords, done) {
    const tile = document.createElement("div");
    const key = tileKey(coords);
    const request = new AbortController();
    this._requests[key] = request;
    let url = this.options.url(coords);
    if (this._version) { url += (url.includes("?") ? "&" : "?") + "v=" + this._version; }
    getJSON(url, { accept: "application/geo+json", signal: request.signal }).then((collection) => {
      this._removeTile(key);
      this._draw(key, collection, coords);
      done(null, tile);
    }).catch((error) => done(error, tile)).finally(() => {
      if (this._requests[key] === request) { delete this._requests[key]; }
    });
    return tile;
  },

  // The marker of a single proposal now on the map, if any.
  single(id) { return this._singles[id]; },

  // New data (a proposal added, filters changed): fetch every tile again, past caches.
  refresh() {
    this._version += 1;
    this._clear();
    this.redraw();
    return this;
  },

  _draw(key, collection, coords) {
    const options = this.options;
    this._byTile[key] = collection.features.flatMap((feature) => {
      const p = feature.properties;
      let marker;
      const drawn = [];
      if (p.count === 1) {
        marker = L.marker(this._inCell(feature, coords, options.singleSize), {
          icon: options.singleIcon(feature), title: p.title, alt: p.title, keyboard: true, riseOnHover: true
        });
        activate(marker, (event) => options.onSingle(feature, marker, event));
        this._singles[feature.id] = marker;
        if (p.shape) { drawn.push(this._shape(feature, marker)); }
      } else {
        marker = L.marker(this._inCell(feature, coords, bubbleSize(p.count)), {
          icon: bubble(p.count), title: options.clusterTitle(p.count), keyboard: true
        });
        activate(marker, (event) => this._chooseCluster(marker, coords.z, event));
      }
      marker.feature = feature;
      this._markers.addLayer(marker);
      if (options.onDraw) { options.onDraw(marker, feature); }
      return [...drawn, marker];
    });
  },

  // A line or an area, drawn under its marker in its category's colour: a click anywhere on it
  // chooses the proposal, as its marker does (which stays the keyboard's way to it).
  _shape(feature, marker) {
    const colour = this.options.shapeColour(feature);
    const shape = L.geoJSON(feature.properties.shape, {
      style: { color: colour, weight: 4, opacity: 0.9, fillColor: colour, fillOpacity: 0.25 },
      bubblingMouseEvents: false
    });
    shape.on("click", (event) => this.options.onSingle(feature, marker, event));
    shape.feature = feature;
    this._markers.addLayer(shape);
    return shape;
  },

  // Zoom in two levels on a count, towards the proposals it stands for.
  zoomInto(marker, zoom) {
    this._map.setView(marker.getLatLng(), Math.min(zoom + 2, this._map.getMaxZoom()));
  },

  _chooseCluster(marker, zoom, event) {
    if (this.options.onCluster) {
      this.options.onCluster(marker, zoom, event);
    } else {
      this.zoomInto(marker, zoom);
    }
  },

  // Where to draw a marker of `size` px: at its proposals' mean position, moved just enough to
  // lie wholly inside its cell.
  _inCell(feature, coords, size) {
    const c = feature.geometry.coordinates;
    const point = this._map.project([c[1], c[0]], coords.z);
    const half = size / 2 + GAP_PX;
    const clamp = (value) => {
      const start = Math.floor(value / CELL_PX) * CELL_PX;
      return Math.min(Math.max(value, start + half), start + CELL_PX - half);
    };
    return this._map.unproject(L.point(clamp(point.x), clamp(point.y)), coords.z);
  },

  _unload(event) {
    const key = tileKey(event.coords);
    if (this._requests[key]) { this._requests[key].abort(); }
    this._removeTile(key);
  },

  _removeTile(key) {
    (this._byTile[key] || []).forEach((marker) => {
      if (marker.feature.id && this._singles[marker.feature.id] === marker) {
        delete this._singles[marker.feature.id];
      }
      this._markers.removeLayer(marker);
    });
    delete this._byTile[key];
  },

  _clear() {
    this._markers.clearLayers();
    this._byTile = {};
    this._singles = {};
  }
});
