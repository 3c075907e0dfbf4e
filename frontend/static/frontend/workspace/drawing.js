/* A polygon the planner draws on the workspace map (Leaflet-Geoman) filters by `within`. */

// ws: {map, onFilterChange()}
export function createDrawing(ws) {
  const { map } = ws;
  const drawn = L.featureGroup().addTo(map);
  const drawButton = document.getElementById("draw-polygon");
  const clearButton = document.getElementById("clear-polygon");
  const within = document.getElementById("f-within");

  function show(geometry) {
    drawn.clearLayers();
    L.geoJSON(geometry, { style: { color: "#c2185b", weight: 3, fillOpacity: 0.08 }, pmIgnore: true })
      .eachLayer((layer) => drawn.addLayer(layer));
    within.value = JSON.stringify(geometry);
    clearButton.hidden = false;
  }

  function clear() {
    drawn.clearLayers();
    within.value = "";
    clearButton.hidden = true;
  }

  function setDrawing(on) {
    drawButton.setAttribute("aria-pressed", on ? "true" : "false");
    if (on) {
      map.pm.enableDraw("Polygon", { snappable: false, templineStyle: { color: "#c2185b" } });
    } else {
      map.pm.disableDraw();
    }
  }

  map.on("pm:create", (event) => {
    const geometry = event.layer.toGeoJSON().geometry;
    map.removeLayer(event.layer);
    show(geometry);
    setDrawing(false);
    ws.onFilterChange();
  });
  drawButton.addEventListener("click", () => setDrawing(!map.pm.globalDrawModeEnabled()));
  clearButton.addEventListener("click", () => {
    clear();
    ws.onFilterChange();
  });

  return { show, clear };
}
