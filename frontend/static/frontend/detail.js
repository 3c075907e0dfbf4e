/* The small map on a proposal's page: where it is, nothing more. */
(function () {
  "use strict";
  var point = JSON.parse(document.getElementById("detail-point").textContent);
  var config = document.getElementById("detail-map");
  var map = L.map(config, { zoomControl: false, dragging: false, scrollWheelZoom: false, keyboard: false })
    .setView([point.lat, point.lon], 15);
  var tiles = config.dataset.tiles;
  if (tiles) { L.tileLayer(tiles, { attribution: config.dataset.attribution }).addTo(map); }
  L.circleMarker([point.lat, point.lon], { radius: 10, color: "#fff", weight: 3, fillColor: "#0b3d5c", fillOpacity: 1 }).addTo(map);
})();
