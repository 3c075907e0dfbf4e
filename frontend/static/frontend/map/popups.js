/* A proposal's popup on the resident map: its text, photos, status and answer, support and report.
   Built with textContent so that residents' text can never run as HTML. */

import { ApiError, errorMessage, getJSON, postJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { formatDate } from "../lib/format.js";
import { anchor, sizeText } from "../lib/geometry.js";

function supportLabel(count) {
  return interpolate(gettext("Støtt (%s)"), [count]);
}

// context: {map, config, categories, symbols, say(message), over: {top, bottom}}; `over` are the
// controls that lie over the map's top and bottom edges (the place search, the folded legend).
export function createPopups(context) {
  const { map, config, categories, symbols, say, over } = context;
  let current = null;
  let returnFocus = null;
  // An open popup's line or area, drawn whole while it is open (a count may hide it).
  const outline = L.geoJSON(null, {
    style: { color: "#c2185b", weight: 4, fillOpacity: 0.1 }, interactive: false, pmIgnore: true
  }).addTo(map);

  // Auto-pan keeps a popup clear of the controls over the map, and a popup taller than the space
  // between them scrolls inside (a phone's map is short).
  function popupOptions() {
    const mapBox = map.getContainer().getBoundingClientRect();
    const top = Math.max(10, over.top.getBoundingClientRect().bottom - mapBox.top + 8);
    const legend = over.bottom.getBoundingClientRect();
    const bottom = over.bottom.open ? 10 : Math.max(10, mapBox.bottom - legend.top + 8);
    return {
      maxWidth: 300,
      maxHeight: Math.max(160, mapBox.height - top - bottom - 30),
      autoPanPaddingTopLeft: L.point(10, top),
      autoPanPaddingBottomRight: L.point(10, bottom)
    };
  }

  // Where the proposal went: "Innarbeidet i <plan> (sak 26/1234)", a link when the plan has one.
  function outcomeLine(p) {
    const outcome = p.outcome;
    const name = outcome.case_number
      ? interpolate(gettext("%s (sak %s)"), [outcome.name, outcome.case_number]) : outcome.name;
    const decided = !config.undecided.includes(p.status);
    const text = decided
      ? interpolate(gettext("%s i %s"), [config.statuses[p.status], name])
      : interpolate(gettext("Behandles i %s"), [name]);
    const line = element("p", "popup__outcome");
    if (outcome.url) {
      const link = element("a", null, text);
      link.href = outcome.url;
      line.appendChild(link);
    } else {
      line.textContent = text;
    }
    return line;
  }

  // Resolves with the support's answer, or null (and says why) when it was not counted.
  function support(id) {
    return postJSON(config.api.proposals + id + "/support/").then((result) => {
      say(result.counted ? gettext("Takk for støtten!") : gettext("Du har allerede støttet dette forslaget."));
      return result;
    }).catch((error) => {
      say(errorMessage(error, gettext("Støtten ble ikke registrert.")));
      return null;
    });
  }

  function supportButton(feature) {
    const button = element("button", "button button--small button--primary", supportLabel(feature.properties.support_count));
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
    button.disabled = !config.campaign_open;
    button.addEventListener("click", () => {
      support(feature.id).then((result) => {
        if (!result) { return; }
        feature.properties.support_count = result.support_count;
        button.textContent = supportLabel(result.support_count);
        button.setAttribute("aria-pressed", "true");
      });
    });
    return button;
  }

  // A resident reports a proposal that breaks the rules; enough reports hide it for review.
  function flagForm(feature) {
    const details = element("details", "popup__flag");
    // The popup grows when the form opens: re-pan so that it stays in view.
    details.addEventListener("toggle", () => { if (current) { current.update(); } });
    details.appendChild(element("summary", null, gettext("Rapporter innhold")));
    const form = element("form");
    const label = element("label", null, gettext("Hva er galt med forslaget?"));
    const input = element("input");
    input.id = label.htmlFor = "flag-reason-" + feature.id;
    input.name = "reason";
    input.maxLength = 500;
    input.required = true;
    const button = element("button", "button button--small", gettext("Send rapport"));
    button.type = "submit";
    const message = element("p", "popup__flag-message");
    message.setAttribute("role", "status");
    form.append(label, input, button, message);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!input.value.trim()) { message.textContent = gettext("Skriv en begrunnelse."); return; }
      postJSON(config.api.proposals + feature.id + "/flags/", { reason: input.value }).then(() => {
        message.textContent = gettext("Takk! Kommunen ser på forslaget.");
        button.disabled = true;
      }).catch(() => {
        message.textContent = gettext("Rapporten ble ikke sendt. Prøv igjen.");
      });
    });
    details.appendChild(form);
    return details;
  }

  function photoLinks(p) {
    const photos = element("div", "popup__photos");
    p.photos.forEach((photo, i) => {
      const link = element("a");
      link.href = photo.url;
      const img = element("img");
      img.src = photo.thumbnail;
      img.alt = interpolate(gettext("Bilde %s til forslaget «%s»"), [i + 1, p.title]);
      link.appendChild(img);
      photos.appendChild(link);
    });
    return photos;
  }

  function content(feature) {
    const p = feature.properties;
    const category = categories[p.category];
    const box = element("article", "popup");
    // Leaflet's own Escape handling stops once focus is inside the popup.
    box.addEventListener("keydown", (event) => { if (event.key === "Escape") { map.closePopup(); } });
    const tag = element("p", "popup__category");
    tag.innerHTML = symbols.svg(category, 14);
    tag.appendChild(document.createTextNode(category ? category.name : p.category));
    const title = element("h3", "popup__title", p.title);
    title.tabIndex = -1;
    box.append(tag, title, element("p", "popup__body", p.body));
    box.appendChild(element("p", "popup__meta", (p.name ? p.name + " · " : "") + formatDate(p.created_at)));
    if (p.approximate) { box.appendChild(element("p", "popup__meta", gettext("Omtrentlig plassering"))); }
    if (p.kind !== "point") { box.appendChild(element("p", "popup__meta", sizeText(p))); }
    box.appendChild(element("p", "popup__status", gettext("Status:") + " " + config.statuses[p.status]));
    if (p.outcome) { box.appendChild(outcomeLine(p)); }
    if (p.answer) {
      const answer = element("div", "popup__answer");
      answer.append(element("p", "popup__answer-title", gettext("Kommunens svar")), element("p", null, p.answer));
      box.appendChild(answer);
    }
    box.appendChild(photoLinks(p));
    if (p.demo) { box.appendChild(element("p", "popup__demo", gettext("Demodata – eksempel, ikke et ekte forslag"))); }
    const actions = element("div", "popup__actions");
    const more = element("a", "button button--small", gettext("Les mer og kommenter"));
    more.href = "/forslag/" + feature.id + "/";
    actions.append(supportButton(feature), more);
    box.append(actions, flagForm(feature));
    return box;
  }

  // Open a proposal's popup: on its marker when it has one, else at its position.
  // from: where focus goes back to when the popup closes.
  function show(id, marker, from) {
    return getJSON(config.api.proposals + id + "/").then((feature) => {
      const at = anchor(feature.geometry);
      outline.clearLayers();
      if (feature.properties.kind !== "point") { outline.addData(feature.geometry); }
      if (marker) {
        marker.unbindPopup();
        marker.bindPopup(content(feature), popupOptions());
        current = marker.getPopup();
        returnFocus = marker.getElement();
        marker.openPopup();
        return;
      }
      if (feature.properties.kind === "point") {
        map.setView(at, Math.max(map.getZoom(), 16), { animate: false });
      } else {
        map.fitBounds(outline.getBounds(), { maxZoom: 16, animate: false });
      }
      current = L.popup(popupOptions()).setLatLng(at).setContent(content(feature)).openOn(map);
      returnFocus = from;
    }).catch((error) => {
      say(error instanceof ApiError && error.status === 404
        ? gettext("Fant ikke forslaget.") : errorMessage(error));
    });
  }

  // Focus goes into an opened popup, and back to its marker (or where the resident came from)
  // when it closes with focus inside.
  map.on("popupopen", (event) => {
    const title = event.popup.getElement().querySelector(".popup__title");
    if (title) { title.focus({ preventScroll: true }); }
  });
  map.on("popupclose", (event) => {
    outline.clearLayers();
    const target = returnFocus;
    const closing = event.popup.getElement(); // fades out before it leaves the page
    window.setTimeout(() => {
      const focus = document.activeElement;
      const lost = focus === document.body || (closing && closing.contains(focus));
      if (lost && target && document.body.contains(target)) { target.focus({ preventScroll: true }); }
    }, 0);
  });

  return { show, support };
}
