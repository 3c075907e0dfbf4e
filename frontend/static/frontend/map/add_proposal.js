/* Adding a proposal on the resident map: place a pin (tap, search or the map's centre) or draw a
   line or an area (map/shape_step.js), see similar proposals nearby while writing, and send it
   with photos. */

import { ApiError, getJSON, postForm } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { clearErrors, clientErrors, showErrors } from "./form_errors.js";
import { createShapeStep } from "./shape_step.js";

// context: {map, config, say(message), popups, layer, kiosk}; in kiosk mode the kiosk thanks the
// person instead of opening their proposal.
export function addProposal(context) {
  const { map, config, say, popups } = context;
  const panel = document.getElementById("add-panel");
  const placeStep = document.getElementById("place-step");
  const form = document.getElementById("proposal-form");
  const newButton = document.getElementById("new-proposal");
  const similarBox = document.getElementById("similar");
  let pin = null;
  let placing = false;
  let lastFocus = null;
  let similarTimer = null;
  const shapes = createShapeStep(context, toForm);

  function setExpanded(open) {
    if (newButton) { newButton.setAttribute("aria-expanded", open ? "true" : "false"); }
  }

  function open() {
    lastFocus = document.activeElement;
    panel.hidden = false;
    placeStep.hidden = false;
    form.hidden = true;
    shapes.reset();
    placing = true;
    document.body.classList.add("is-placing", "is-choosing-place");
    setExpanded(true);
    document.getElementById("add-panel-title").focus();
    map.invalidateSize();
  }

  function close() {
    panel.hidden = true;
    placing = false;
    document.body.classList.remove("is-placing", "is-choosing-place");
    if (pin) { map.removeLayer(pin); pin = null; }
    shapes.clear();
    form.reset();
    clearErrors(form);
    similarBox.hidden = true;
    setExpanded(false);
    map.invalidateSize();
    if (lastFocus) { lastFocus.focus(); }
  }

  // On a phone the form is a bottom sheet: pan the map so that the pin is hidden neither under
  // it nor under the place search at the top.
  function keepPinVisible() {
    const mapBox = map.getContainer().getBoundingClientRect();
    const panelBox = panel.getBoundingClientRect();
    const top = document.getElementById("place-search").getBoundingClientRect().bottom - mapBox.top;
    const at = map.latLngToContainerPoint(pin.getLatLng());
    const x = at.x + mapBox.left;
    const y = at.y + mapBox.top;
    const underPanel = x >= panelBox.left && x <= panelBox.right && y >= panelBox.top && y <= panelBox.bottom;
    if (!underPanel && at.y > top + 10) { return; }
    const freeWidth = panelBox.left - mapBox.left;
    const target = freeWidth > 120
      ? L.point(freeWidth / 2, Math.max(at.y, top + 40))
      : L.point(at.x, (top + panelBox.top - mapBox.top) / 2);
    map.panBy(at.subtract(target), { animate: false });
  }

  function newPin(latlng) {
    const marker = L.marker(latlng, {
      icon: L.icon({
        ...L.Icon.Default.prototype.options,
        iconUrl: config.pin.icon, iconRetinaUrl: config.pin.icon_2x, shadowUrl: config.pin.shadow
      }),
      draggable: true, autoPan: true, keyboard: false,
      title: gettext("Nytt forslag"), alt: gettext("Plassering for nytt forslag")
    }).addTo(map);
    marker.on("dragend", findSimilar);
    return marker;
  }

  // From choosing the place to writing: the map gives room back to the form.
  function toForm() {
    if (placeStep.hidden) { return; }
    placeStep.hidden = true;
    form.hidden = false;
    document.body.classList.remove("is-choosing-place");
    map.invalidateSize();
    document.getElementById("id_category").focus();
    findSimilar();
  }

  function backToPlace() {
    shapes.clear();
    placeStep.hidden = false;
    form.hidden = true;
    document.body.classList.add("is-choosing-place");
    map.invalidateSize();
    document.getElementById("add-vertex").focus();
  }

  // A tap on the map (or a place found) while choosing: the pin goes there, or a line or an
  // area gets a point there.
  function place(latlng) {
    if (shapes.kind() !== "point") {
      if (!shapes.finished()) { shapes.addVertex(latlng); }
      return;
    }
    if (pin) { pin.setLatLng(latlng); } else { pin = newPin(latlng); }
    toForm();
    keepPinVisible();
    findSimilar();
    say(gettext("Nålen er plassert."));
  }

  function where() {
    return shapes.kind() === "point" ? (pin && pin.getLatLng()) : shapes.centre();
  }

  function similarItem(feature) {
    const item = element("li", "similar__item");
    item.appendChild(element("span", "similar__name", feature.properties.title));
    const button = element("button", "button button--small", gettext("Støtt dette i stedet"));
    button.type = "button";
    button.addEventListener("click", () => {
      popups.support(feature.id).then((result) => {
        if (!result) { return; }
        close();
        popups.show(feature.id, null, lastFocus);
      });
    });
    item.appendChild(button);
    return item;
  }

  // While the resident writes, show proposals nearby with a similar title.
  function findSimilar() {
    window.clearTimeout(similarTimer);
    similarTimer = window.setTimeout(() => {
      const text = form.title.value.trim();
      const at = where();
      if (!at || text.length < 4) { similarBox.hidden = true; return; }
      const url = config.api.similar + "?point=" + at.lng.toFixed(6) + "," + at.lat.toFixed(6) +
        "&text=" + encodeURIComponent(text);
      getJSON(url).then((collection) => {
        const list = document.getElementById("similar-list");
        list.textContent = "";
        collection.features.forEach((feature) => list.appendChild(similarItem(feature)));
        similarBox.hidden = collection.features.length === 0;
      }).catch(() => { similarBox.hidden = true; });
    }, 400);
  }

  function geometry() {
    if (shapes.kind() !== "point") { return shapes.geometry(); }
    const latlng = pin.getLatLng();
    return { type: "Point", coordinates: [latlng.lng, latlng.lat] };
  }

  function featureFromForm() {
    return {
      type: "Feature",
      geometry: geometry(),
      properties: {
        category: form.category.value,
        title: form.title.value,
        body: form.body.value,
        name: form.name.value,
        email: form.email.value,
        website: form.website.value,
        campaign: config.campaign || undefined,
        channel: config.channel,
        poster: config.poster ? config.poster.code : undefined,
        age_band: form.age_band.value,
        relation: form.relation.value
      }
    };
  }

  function submit(event) {
    event.preventDefault();
    const errors = clientErrors(form, config.max_photos);
    if (Object.keys(errors).length) { showErrors(form, errors); return; }
    // Multipart with the Feature as one part, photos as the others.
    const body = new FormData();
    body.append("feature", JSON.stringify(featureFromForm()));
    Array.from(form.photos.files).forEach((file) => body.append("photos", file));
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    say(gettext("Sender forslaget …"));
    postForm(config.api.proposals, body).then((created) => {
      const published = created.properties.visibility === "published";
      close();
      if (published) { context.layer.refresh(); }
      if (context.kiosk) {
        context.kiosk.thanks(published);
      } else if (published) {
        popups.show(created.id, null, lastFocus);
      }
      say(published
        ? gettext("Takk! Forslaget ditt er publisert på kartet.")
        : gettext("Takk! Forslaget ditt vises på kartet når det er godkjent."));
    }).catch((error) => {
      say("");  // not "sending" any more: the form says what is wrong
      showErrors(form, error instanceof ApiError && error.body
        ? error.body : { form: [gettext("Noe gikk galt. Forslaget ble ikke sendt. Prøv igjen.")] });
    }).finally(() => { button.disabled = false; });
  }

  map.on("click", (event) => { if (placing) { place(event.latlng); } });
  if (newButton) { newButton.addEventListener("click", open); }
  document.getElementById("place-at-centre").addEventListener("click", () => place(map.getCenter()));
  document.getElementById("move-pin").addEventListener("click", () => place(map.getCenter()));
  document.getElementById("redraw-shape").addEventListener("click", backToPlace);
  form.title.addEventListener("input", findSimilar);
  panel.querySelectorAll(".js-cancel").forEach((button) => button.addEventListener("click", close));
  panel.addEventListener("keydown", (event) => { if (event.key === "Escape") { close(); } });
  form.addEventListener("submit", submit);

  return {
    isPlacing: () => placing,
    open,
    place
  };
}
