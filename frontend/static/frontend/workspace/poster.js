/* The poster form: the planner picks a point on the map (or one area in the filter) and downloads
   an A4 poster with a QR code for that spot (frontend/posters.py draws it). */

import { selectedAreas } from "./filters.js";

// ws: {map, form}
export function createPosterForm(ws) {
  const form = document.getElementById("poster-form");
  const pick = document.getElementById("poster-pick");
  const status = document.getElementById("poster-status");
  let picking = false;
  let marker = null;

  function setPicking(on) {
    picking = on;
    pick.setAttribute("aria-pressed", on ? "true" : "false");
    ws.map.getContainer().classList.toggle("is-picking", on);
    if (on) { status.textContent = gettext("Klikk i kartet der plakaten skal henge."); }
  }

  ws.map.on("click", (event) => {
    if (!picking) { return; }
    form.lon.value = event.latlng.lng.toFixed(6);
    form.lat.value = event.latlng.lat.toFixed(6);
    if (marker) { marker.setLatLng(event.latlng); } else { marker = L.circleMarker(event.latlng, { radius: 9, color: "#c2185b" }).addTo(ws.map); }
    setPicking(false);
    status.textContent = interpolate(gettext("Punkt valgt: %s, %s."), [form.lat.value, form.lon.value]);
  });
  pick.addEventListener("click", () => setPicking(!picking));

  // A picked point wins; else exactly one area picked in the filter. The poster is for the
  // campaign the filter shows (the current one where it shows all).
  form.addEventListener("submit", (event) => {
    form.campaign.value = ws.form.campaign.value || form.campaign.defaultValue;
    const areas = selectedAreas(ws.form);
    form.area.value = !form.lon.value && areas.length === 1 ? areas[0] : "";
    if (!form.lon.value && !form.area.value) {
      event.preventDefault();
      status.textContent = gettext("Velg et punkt i kartet, eller nøyaktig ett område i filteret.");
    }
  });
}
