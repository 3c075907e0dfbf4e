/* The list of proposals that match the filters: a page of 50 (keyset cursors), the exact count,
   and the selected proposal marked in the list and on the map. */

import { getJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { formatDate, formatNumber } from "../lib/format.js";
import { sizeText } from "../lib/geometry.js";
import { filterParams } from "./filters.js";

const PAGE_SIZE = 50;

// ws: {config, form, state, symbols, categoryName(slug), layer, select(id, fromList), refresh(options), current(run)}
export function createResults(ws) {
  const { config, form, state } = ws;
  const list = document.getElementById("result-list");

  function row(feature) {
    const p = feature.properties;
    const item = element("li", "result");
    item.dataset.id = feature.id;
    const button = element("button", "result__button");
    button.type = "button";
    button.appendChild(element("span", "result__title", p.title));
    const meta = element("span", "result__meta");
    meta.insertAdjacentHTML("beforeend", ws.symbols.svg(ws.categories[p.category], 14));
    meta.appendChild(document.createTextNode(
      ws.categoryName(p.category) + " · " + config.statuses[p.status] + " · " + formatDate(p.created_at, "short") +
      (p.kind !== "point" ? " · " + sizeText(p) : "")
    ));
    button.appendChild(meta);
    if (p.support_burst) {
      button.appendChild(element("span", "badge badge--burst", gettext("Støtter i rykk fra ett nettverk")));
    }
    if (p.visibility !== "published") {
      button.appendChild(element("span", "badge badge--" + p.visibility, config.visibilities[p.visibility]));
    }
    button.addEventListener("click", () => ws.select(feature.id, true));
    item.appendChild(button);
    if (feature.id === state.selected) { item.classList.add("is-selected"); }
    return item;
  }

  function loadList() {
    const params = filterParams(form);
    params.set("limit", PAGE_SIZE);
    if (state.cursor) { params.set("cursor", state.cursor); }
    list.setAttribute("aria-busy", "true");
    return getJSON(config.api.proposals + "?" + params.toString()).then(ws.current()).then((page) => {
      list.textContent = "";
      page.features.forEach((feature) => list.appendChild(row(feature)));
      state.next = page.cursor;
      document.getElementById("page-info").textContent = interpolate(gettext("Side %s"), [state.previous.length + 1]);
      document.getElementById("page-prev").disabled = state.previous.length === 0;
      document.getElementById("page-next").disabled = !state.next;
    }).finally(() => list.removeAttribute("aria-busy"));
  }

  function loadCount() {
    document.getElementById("result-count").textContent = gettext("Teller …");
    return getJSON(config.api.proposals + "count/?" + filterParams(form).toString()).then(ws.current()).then((result) => {
      const count = formatNumber(result.count);
      let text = result.count === 1 ? gettext("1 forslag") : interpolate(gettext("%s forslag"), [count]);
      if (!result.exact) { text = interpolate(gettext("Over %s forslag"), [count]); }
      document.getElementById("result-count").textContent = text;
    });
  }

  // The selected proposal's marker stands out, also after tiles are drawn again.
  function highlightMarker() {
    document.querySelectorAll("#map .symbol-marker.is-selected").forEach((icon) => icon.classList.remove("is-selected"));
    const marker = state.selected && ws.layer.single(state.selected);
    if (marker && marker.getElement()) {
      marker.getElement().classList.add("is-selected");
      marker.setZIndexOffset(1000);
    }
  }

  // Mark the selected row; chosen on the map, the row scrolls into view.
  function markSelected(id, fromList) {
    Array.from(list.children).forEach((item) => {
      const match = String(item.dataset.id) === String(id);
      item.classList.toggle("is-selected", match);
      if (match && !fromList) { item.scrollIntoView({ block: "nearest" }); }
    });
    highlightMarker();
  }

  document.getElementById("page-prev").addEventListener("click", () => {
    state.cursor = state.previous.pop() || null;
    ws.refresh({ keepPage: true });
  });
  document.getElementById("page-next").addEventListener("click", () => {
    state.previous.push(state.cursor);
    state.cursor = state.next;
    ws.refresh({ keepPage: true });
  });

  return { loadList, loadCount, highlightMarker, markSelected };
}
