/* Planners' coding: tag the whole filtered set or one proposal, and make new tags. */

import { errorMessage, getJSON, postJSON, sendJSON } from "../lib/api.js";
import { element } from "../lib/dom.js";
import { compareNames, formatNumber } from "../lib/format.js";
import { filtersAsBody } from "./filters.js";

// ws: {config, form, refresh(), select(id)}
export function createTagging(ws) {
  const { config, form } = ws;
  const status = document.getElementById("tag-status");
  let tags = [];

  function fillChoices() {
    document.querySelectorAll(".js-tag-choice").forEach((select) => {
      select.textContent = "";
      tags.forEach((tag) => {
        const option = element("option", null, tag.name);
        option.value = tag.id;
        select.appendChild(option);
      });
    });
  }

  function load() {
    return getJSON(config.api.tags + "?campaign=" + encodeURIComponent(config.campaign || "")).then((list) => {
      tags = list;
      fillChoices();
    });
  }

  function addFilter(tag) {
    const box = document.getElementById("f-tags");
    const hint = box.querySelector(".field__hint");
    if (hint) { hint.remove(); }
    const label = element("label", "check");
    const input = element("input");
    input.type = "checkbox";
    input.name = "tag";
    input.value = tag.slug;
    label.append(input, document.createTextNode(tag.name));
    box.appendChild(label);
  }

  document.getElementById("tag-set-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const tag = tags.find((t) => String(t.id) === event.target.querySelector("select").value);
    if (!tag) { return; }
    postJSON(config.api.tags + tag.id + "/proposals/", filtersAsBody(form)).then((result) => {
      status.textContent = interpolate(gettext("%s forslag fikk merkelappen «%s» (%s i alt)."),
        [formatNumber(result.tagged), tag.name, formatNumber(result.count)]);
    }).catch((error) => { status.textContent = errorMessage(error); });
  });

  document.getElementById("tag-new-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = event.target.name.value;
    postJSON(config.api.tags, { campaign: config.campaign, name, public: event.target.public.checked }).then((tag) => {
      tags.push(tag);
      tags.sort((a, b) => compareNames(a.name, b.name));
      fillChoices();
      addFilter(tag);
      event.target.reset();
      status.textContent = interpolate(gettext("Merkelappen «%s» er opprettet."), [tag.name]);
    }).catch((error) => { status.textContent = errorMessage(error); });
  });

  // The selected proposal's tags, each with a button that takes it off.
  function showFor(feature) {
    const list = document.getElementById("detail-tags");
    list.textContent = "";
    feature.properties.tags.forEach((tag) => {
      const item = element("li", "tag", tag.name);
      const remove = element("button", "button button--small", gettext("Fjern"));
      remove.type = "button";
      remove.setAttribute("aria-label", interpolate(gettext("Fjern merkelappen «%s»"), [tag.name]));
      remove.addEventListener("click", () => change("DELETE", feature.id, tag.id));
      item.appendChild(remove);
      list.appendChild(item);
    });
    document.getElementById("detail-tag-add").onclick = () => {
      change("PUT", feature.id, document.getElementById("detail-tag").value);
    };
  }

  function change(method, proposal, tag) {
    sendJSON(method, config.api.proposals + proposal + "/tags/" + tag + "/")
      .then(() => ws.select(proposal, false))
      .catch((error) => { status.textContent = errorMessage(error); });
  }

  load();
  return { showFor };
}
