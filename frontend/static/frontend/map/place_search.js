/* The place search over the map: names from the place's own gazetteer, chosen from a list. */

import { errorMessage, getJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";

// onPick(hit) after the map has moved to the chosen place.
export function placeSearch(map, { url, say, onPick }) {
  const form = document.getElementById("place-search");
  const query = document.getElementById("place-query");
  const results = document.getElementById("place-results");

  function goTo(hit) {
    if (hit.bbox) {
      map.fitBounds([[hit.bbox[1], hit.bbox[0]], [hit.bbox[3], hit.bbox[2]]], { maxZoom: 16 });
    } else {
      map.setView([hit.lat, hit.lon], 16);
    }
    results.hidden = true;
    onPick(hit);
    say(interpolate(gettext("Kartet viser %s."), [hit.name]));
  }

  function hitButton(hit) {
    const item = element("li");
    const button = element("button", "place-results__hit");
    button.type = "button";
    button.append(element("span", null, hit.name), element("span", "place-results__kind", hit.kind));
    button.addEventListener("click", () => goTo(hit));
    item.appendChild(button);
    return item;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = query.value.trim();
    if (!text) { return; }
    getJSON(url + "?q=" + encodeURIComponent(text)).then((hits) => {
      results.textContent = "";
      if (!hits.length) {
        results.appendChild(element("li", "place-results__none", gettext("Fant ingen steder med det navnet.")));
      }
      hits.forEach((hit) => results.appendChild(hitButton(hit)));
      results.hidden = false;
      say(interpolate(gettext("%s treff."), [hits.length]));
      const first = results.querySelector("button");
      if (first) { first.focus(); }
    }).catch((error) => say(errorMessage(error)));
  });
  results.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { results.hidden = true; query.focus(); }
  });
}
