/* Duplicates: groups of near-identical proposals in the filtered set, merged into the one the
   planner picks; the selected proposal shows what was merged into it, each with an undo. */

import { errorMessage, getJSON, postJSON } from "../lib/api.js";
import { announce, element } from "../lib/dom.js";
import { formatDate, formatNumber } from "../lib/format.js";
import { filterParams } from "./filters.js";

// ws: {config, form, refresh(options), select(id, fromList)}
export function createDuplicates(ws) {
  const { config } = ws;
  const form = document.getElementById("duplicate-form");
  const list = document.getElementById("duplicate-list");
  const status = document.getElementById("duplicate-status");

  function groupItem(group, index) {
    const item = element("li", "duplicate-group");
    const fieldset = element("fieldset");
    fieldset.appendChild(element("legend", null, interpolate(gettext("Gruppe %s: %s forslag"), [index + 1, group.length])));
    group.forEach((proposal, position) => {
      const label = element("label", "check");
      const radio = element("input");
      radio.type = "radio";
      radio.name = "primary-" + index;
      radio.value = proposal.id;
      radio.checked = position === 0;
      const text = element("span", null,
        interpolate(gettext("%s (nr. %s, %s, %s støtter)"),
          [proposal.title, proposal.id, formatDate(proposal.created_at, "short"), formatNumber(proposal.support_count)]));
      label.append(radio, text);
      fieldset.appendChild(label);
      fieldset.appendChild(element("p", "field__hint", proposal.body));
    });
    const merge = element("button", "button button--small button--primary", gettext("Slå sammen under det valgte"));
    merge.type = "button";
    merge.addEventListener("click", () => {
      const primary = Number(fieldset.querySelector("input:checked").value);
      const others = group.map((p) => p.id).filter((id) => id !== primary);
      postJSON(config.api.proposals + primary + "/merge/", { proposals: others }).then(() => {
        item.remove();
        announce(status, interpolate(gettext("%s forslag er slått sammen med nr. %s."), [others.length, primary]));
        ws.refresh({ keepPage: false });
        ws.select(primary, true);
      }).catch((error) => { announce(status, errorMessage(error)); });
    });
    fieldset.appendChild(merge);
    item.appendChild(fieldset);
    return item;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = filterParams(ws.form);
    params.set("distance", form.distance.value);
    status.textContent = gettext("Leter etter like forslag …");
    list.textContent = "";
    getJSON(config.api.duplicates + "?" + params.toString()).then((groups) => {
      groups.forEach((group, index) => list.appendChild(groupItem(group, index)));
      announce(status, interpolate(gettext("%s grupper av like forslag."), [groups.length]));
    }).catch((error) => { announce(status, errorMessage(error)); });
  });

  function unmerge(id, after) {
    postJSON(config.api.proposals + id + "/unmerge/").then(() => {
      ws.refresh({ keepPage: false });
      ws.select(after, false);
    }).catch((error) => { announce(status, errorMessage(error)); });
  }

  // In the selected proposal: what was merged into it, or what it was merged into.
  function showFor(feature) {
    const box = document.getElementById("detail-merged");
    box.textContent = "";
    const p = feature.properties;
    if (p.merged_into) {
      box.appendChild(element("p", null, interpolate(gettext("Slått sammen med forslag nr. %s."), [p.merged_into])));
      const undo = element("button", "button button--small", gettext("Angre sammenslåingen"));
      undo.type = "button";
      undo.addEventListener("click", () => unmerge(feature.id, feature.id));
      box.appendChild(undo);
      return;
    }
    if (!p.merged.length) { return; }
    box.appendChild(element("p", null, interpolate(gettext("%s lignende forslag er slått sammen her:"), [p.merged.length])));
    const merged = element("ul", "tag-list");
    p.merged.forEach((duplicate) => {
      const item = element("li", "tag", duplicate.title + " (" + duplicate.id + ")");
      const undo = element("button", "button button--small", gettext("Skill ut"));
      undo.type = "button";
      undo.setAttribute("aria-label", interpolate(gettext("Skill ut «%s»"), [duplicate.title]));
      undo.addEventListener("click", () => unmerge(duplicate.id, feature.id));
      item.appendChild(undo);
      merged.appendChild(item);
    });
    box.appendChild(merged);
  }

  return { showFor };
}
