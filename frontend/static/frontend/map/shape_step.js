/* A new proposal's line or area on the resident map. A point is added for each tap or click, or
   for the map's centre from the keyboard (after a place search or the arrow keys: no dragging is
   needed, WCAG 2.5.7); an area can also be areas chosen from a list, or a circle around the centre.
   Once finished, its points can be dragged (Leaflet-Geoman's editing) or the shape drawn again,
   and its size shows before sending. Geoman's own draw mode is not used: it finishes a shape only
   by a tap on a point, which a keyboard cannot give. */

import { getJSON } from "../lib/api.js";
import { areaM2, formatArea, formatLength, lengthM } from "../lib/measure.js";

const STYLE = { color: "#c2185b", weight: 4, opacity: 0.9, fillOpacity: 0.15 };
const CIRCLE_SIDES = 48;
const byId = (id) => document.getElementById(id);

// context: {map, config, say}; onFinish() when a shape is ready for the form.
export function createShapeStep({ map, config, say }, onFinish) {
  const status = byId("shape-status");
  const note = byId("shape-note");
  const undoButton = byId("undo-vertex");
  const finishButton = byId("finish-shape");
  const areaSelect = byId("id_area_choice");
  const chosenText = byId("chosen-areas");
  const drawing = L.featureGroup().addTo(map);
  let kind = "point";
  let vertices = [];
  let shape = null; // the finished L.Polyline or L.Polygon, or an outline of chosen areas
  let outline = null; // {geometry, names, area_m2} from the server for chosen areas
  let chosen = [];

  const least = () => (kind === "line" ? 2 : 3);

  // The drawn size in metres (a line) or square metres (an area), as the server will measure it.
  function size() {
    if (outline) { return outline.area_m2; }
    const latlngs = shape ? shape.getLatLngs() : vertices;
    if (kind === "line") { return lengthM(latlngs); }
    return areaM2(shape ? latlngs[0] : latlngs);
  }

  function sizeText() {
    return kind === "line" ? formatLength(size()) : formatArea(size());
  }

  function tooLarge() {
    const limits = config.shape_limits;
    return kind === "line" ? size() > limits.length_m : size() > limits.area_m2;
  }

  function describe() {
    // A live region: each point added or undone is read out once, here, not in the toast.
    let text = outline ? "" : gettext("Ingen punkter ennå.");
    if (vertices.length) {
      text = interpolate(ngettext("%s punkt", "%s punkter", vertices.length), [vertices.length]);
      if (vertices.length >= least()) { text += ", " + sizeText(); }
    }
    const large = vertices.length >= least() && tooLarge();
    if (large) {
      const most = kind === "line" ? formatLength(config.shape_limits.length_m) : formatArea(config.shape_limits.area_m2);
      text += ". " + interpolate(gettext("For stort: høyst %s. Angre eller tegn på nytt."), [most]);
    }
    status.textContent = text;
    undoButton.disabled = !vertices.length;
    finishButton.disabled = !outline && (vertices.length < least() || large);
  }

  function redrawVertices() {
    drawing.clearLayers();
    if (vertices.length >= 2) {
      const Shape = kind === "area" && vertices.length >= 3 ? L.polygon : L.polyline;
      drawing.addLayer(Shape(vertices, { ...STYLE, interactive: false, pmIgnore: true }));
    }
    vertices.forEach((latlng) => drawing.addLayer(L.circleMarker(latlng, {
      radius: 6, color: STYLE.color, fillColor: "#ffffff", fillOpacity: 1, interactive: false, pmIgnore: true
    })));
    describe();
  }

  function clear() {
    vertices = [];
    chosen = [];
    outline = null;
    if (shape) { shape.remove(); shape = null; }
    drawing.clearLayers();
    if (chosenText) { chosenText.textContent = ""; }
    describe();
  }

  function setKind(value) {
    kind = value;
    clear();
    document.querySelectorAll("#add-panel [data-kind]").forEach((box) => {
      box.hidden = !box.dataset.kind.split(" ").includes(kind);
    });
  }

  function addVertex(latlng) {
    if (shape || vertices.length >= config.shape_limits.vertices) { return; }
    vertices.push(latlng);
    redrawVertices();
  }

  function undo() {
    vertices.pop();
    redrawVertices();
  }

  function showNote() {
    const text = kind === "line"
      ? interpolate(gettext("Linjen er %s lang."), [sizeText()])
      : interpolate(gettext("Området er %s."), [sizeText()]);
    note.textContent = outline
      ? text + " " + outline.names.join(", ")
      : text + " " + gettext("Du kan dra punktene for å endre formen.");
  }

  // Geoman's handles are for a pointer: out of the tab order and hidden from screen readers,
  // who have «Legg til midten», «Angre» and «Tegn på nytt» instead.
  function quietHandles() {
    map.getContainer().querySelectorAll(".marker-icon").forEach((handle) => {
      handle.setAttribute("tabindex", "-1");
      handle.setAttribute("aria-hidden", "true");
    });
  }

  function finishDrawn() {
    const Shape = kind === "line" ? L.polyline : L.polygon;
    shape = Shape(vertices, STYLE).addTo(map);
    drawing.clearLayers();
    shape.pm.enable({ allowSelfIntersection: false, snappable: false, draggable: false });
    shape.on("pm:edit", () => { showNote(); quietHandles(); });
    quietHandles();
    showNote();
    onFinish();
  }

  function showOutline(found) {
    outline = { geometry: found.geometry, names: found.properties.names, area_m2: found.properties.area_m2 };
    vertices = [];
    drawing.clearLayers();
    shape = L.geoJSON(found.geometry, { style: STYLE, pmIgnore: true }).addTo(map);
    map.fitBounds(shape.getBounds(), { maxZoom: 16 });
    showNote();
    describe();
  }

  function finish() {
    if (!outline) { finishDrawn(); return; }
    onFinish();
  }

  function addArea() {
    if (!areaSelect.value || chosen.includes(areaSelect.value)) { return; }
    const codes = [...chosen, areaSelect.value];
    const query = new URLSearchParams(codes.map((code) => ["area", code]));
    const url = config.api.outline + (config.api.outline.includes("?") ? "&" : "?") + query;
    getJSON(url).then((found) => {
      chosen = codes;
      if (shape) { shape.remove(); shape = null; }
      chosenText.textContent = interpolate(gettext("Valgt: %s (%s). Legg til flere, eller velg «Ferdig»."),
        [found.properties.names.join(", "), formatArea(found.properties.area_m2)]);
      showOutline(found);
    }).catch((error) => {
      const messages = error.body ? Object.values(error.body).flat() : [];
      say(messages[0] || gettext("Området kunne ikke hentes. Prøv igjen."));
    });
  }

  // A polygon of CIRCLE_SIDES corners `metres` around the map's centre.
  function addCircle() {
    const metres = Number(byId("id_radius").value);
    const centre = map.getCenter();
    const dLat = metres / 111320;
    const dLng = dLat / Math.cos(centre.lat * Math.PI / 180);
    clear();
    for (let i = 0; i < CIRCLE_SIDES; i += 1) {
      const angle = 2 * Math.PI * i / CIRCLE_SIDES;
      vertices.push(L.latLng(centre.lat + dLat * Math.sin(angle), centre.lng + dLng * Math.cos(angle)));
    }
    finishDrawn();
  }

  function geometry() {
    if (outline) { return outline.geometry; }
    return shape.toGeoJSON().geometry;
  }

  document.querySelectorAll("input[name=shape_kind]").forEach((radio) => {
    radio.addEventListener("change", () => { if (radio.checked) { setKind(radio.value); } });
  });
  byId("add-vertex").addEventListener("click", () => addVertex(map.getCenter()));
  undoButton.addEventListener("click", undo);
  finishButton.addEventListener("click", finish);
  if (areaSelect) { byId("add-area").addEventListener("click", addArea); }
  byId("add-circle").addEventListener("click", addCircle);

  return {
    kind: () => kind,
    reset: () => {
      document.querySelector("input[name=shape_kind][value=point]").checked = true;
      setKind("point");
    },
    clear,
    addVertex,
    finished: () => Boolean(shape),
    centre: () => (shape ? shape.getBounds().getCenter() : null),
    geometry
  };
}
