/* The filtered set's themes: its characteristic words and phrases; a click filters on one. */

import { errorMessage, getJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { formatNumber } from "../lib/format.js";

// ws: {config, form, current(), onFilterChange()}
export function loadThemes(ws, filters) {
  const list = document.getElementById("theme-list");
  const status = document.getElementById("theme-status");
  status.textContent = gettext("Finner temaer …");
  return getJSON(ws.config.api.stats_themes + "?" + filters).then(ws.current()).then((themes) => {
    list.textContent = "";
    status.textContent = themes.length ? "" : gettext("Ingen temaer: for få forslag deler de samme ordene.");
    themes.forEach((theme) => {
      const item = element("li");
      const button = element("button", "button button--small theme",
        interpolate(gettext("%s (%s)"), [theme.term, formatNumber(theme.count)]));
      button.type = "button";
      button.title = interpolate(gettext("%s ganger så vanlig som i hele kampanjen"), [theme.lift]);
      button.addEventListener("click", () => {
        ws.form.q.value = theme.term;
        ws.onFilterChange();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }).catch((error) => {
    if (error !== "stale") { status.textContent = errorMessage(error); }
  });
}
