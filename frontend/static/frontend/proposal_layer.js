/* The aggregated proposal layer: one request per map tile, counts where proposals are dense and
   single proposals (category shape, title) where they are sparse. Used by the resident map and
   the planner workspace. */
(function () {
  "use strict";

  // Markers are buttons (role, tabindex from Leaflet): a click, Enter or Space activates them.
  function activate(marker, action) {
    marker.on("click", action);
    marker.on("keypress", function (event) {
      var key = event.originalEvent.key;
      if (key === "Enter" || key === " ") {
        event.originalEvent.preventDefault();
        action();
      }
    });
  }

  function bubble(count) {
    var size = Math.round(30 + 10 * Math.log10(count));
    var label = count >= 10000 ? Math.round(count / 1000) + "k" : String(count);
    return L.divIcon({
      html: '<span class="cluster__count">' + label + "</span>",
      className: "cluster", iconSize: [size, size], iconAnchor: [size / 2, size / 2]
    });
  }

  /* options: url(coords) -> tile URL; categories() -> {slug: category};
     onSingle(feature, marker) when a single proposal is chosen; onDraw(marker, feature) after
     each marker is drawn (optional); clusterTitle(count) -> accessible name for a bubble. */
  window.FremtidskartProposalLayer = function (map, options) {
    var markers = L.layerGroup().addTo(map);
    var byTile = {};
    var singles = {};
    var version = 0;

    function key(coords) { return coords.z + "/" + coords.x + "/" + coords.y; }

    function draw(tileKey, collection, zoom) {
      var drawn = [];
      collection.features.forEach(function (feature) {
        var c = feature.geometry.coordinates;
        var p = feature.properties;
        var marker;
        if (p.count === 1) {
          marker = L.marker([c[1], c[0]], {
            icon: window.FremtidskartSymbols.icon(options.categories()[p.category]),
            title: p.title, alt: p.title, keyboard: true, riseOnHover: true
          });
          activate(marker, function () { options.onSingle(feature, marker); });
          singles[feature.id] = marker;
        } else {
          marker = L.marker([c[1], c[0]], {
            icon: bubble(p.count), title: options.clusterTitle(p.count), keyboard: true
          });
          activate(marker, function () { map.setView(marker.getLatLng(), Math.min(zoom + 2, 19)); });
        }
        marker.feature = feature;
        markers.addLayer(marker);
        drawn.push(marker);
        if (options.onDraw) { options.onDraw(marker, feature); }
      });
      byTile[tileKey] = drawn;
    }

    var Grid = L.GridLayer.extend({
      createTile: function (coords, done) {
        var tile = document.createElement("div");
        var tileKey = key(coords);
        fetch(options.url(coords) + (version ? (options.url(coords).indexOf("?") < 0 ? "?" : "&") + "v=" + version : ""), {
          headers: { Accept: "application/geo+json" }, credentials: "same-origin"
        }).then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        }).then(function (collection) {
          remove(tileKey);
          draw(tileKey, collection, coords.z);
          done(null, tile);
        }).catch(function (error) { done(error, tile); });
        return tile;
      }
    });

    function remove(tileKey) {
      (byTile[tileKey] || []).forEach(function (marker) {
        if (marker.feature.id) { delete singles[marker.feature.id]; }
        markers.removeLayer(marker);
      });
      delete byTile[tileKey];
    }

    var grid = new Grid({ tileSize: 256, updateWhenZooming: false, keepBuffer: 1 });
    grid.on("tileunload", function (event) { remove(key(event.coords)); });
    grid.addTo(map);

    return {
      grid: grid,
      single: function (id) { return singles[id]; },
      // New data (a proposal added, filters changed): fetch every tile again, past caches.
      refresh: function () {
        version += 1;
        markers.clearLayers();
        byTile = {};
        singles = {};
        grid.redraw();
      }
    };
  };
})();
