/* Resident map: shows proposals from the API and lets a resident add one by mouse, touch or keyboard. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("map-config").textContent);
  var t = window.gettext || function (s) { return s; };
  var categories = {};
  var campaign = null;
  var pin = null;
  var placing = false;
  var lastFocus = null;

  var panel = document.getElementById("add-panel");
  var placeStep = document.getElementById("place-step");
  var form = document.getElementById("proposal-form");
  var formErrors = document.getElementById("form-errors");
  var newButton = document.getElementById("new-proposal");
  var statusBox = document.getElementById("status");

  // The legend starts folded on phones, where it would cover much of the map.
  if (window.matchMedia("(max-width: 640px)").matches) {
    document.getElementById("legend").removeAttribute("open");
  }

  var map = L.map("map", { keyboard: true, zoomControl: true, minZoom: 9, zoomSnap: 0.5 });
  map.setView([59.93, 10.52], 11);
  if (config.basemap.url) {
    L.tileLayer(config.basemap.url, {
      attribution: config.basemap.attribution,
      maxZoom: config.basemap.max_zoom
    }).addTo(map);
  }
  var proposalLayer = L.layerGroup().addTo(map);

  function announce(message) {
    statusBox.textContent = "";
    window.setTimeout(function () { statusBox.textContent = message; }, 50);
  }

  function formatDate(iso) {
    return new Date(iso).toLocaleDateString(document.documentElement.lang || "nb", {
      year: "numeric", month: "long", day: "numeric"
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // Built with textContent so that residents' text can never run as HTML.
  function popupContent(feature, marker) {
    var p = feature.properties;
    var category = categories[p.category];
    var box = element("article", "popup");
    var tag = element("p", "popup__category", category ? category.name : p.category);
    if (category) { tag.style.setProperty("--swatch", category.colour); }
    box.appendChild(tag);
    box.appendChild(element("h3", "popup__title", p.title));
    box.appendChild(element("p", "popup__body", p.body));
    var meta = (p.name ? p.name + " · " : "") + formatDate(p.created_at);
    box.appendChild(element("p", "popup__meta", meta));
    box.appendChild(element("p", "popup__status", t("Status:") + " " + config.statuses[p.status]));
    if (p.answer) {
      var answer = element("div", "popup__answer");
      answer.appendChild(element("p", "popup__answer-title", t("Kommunens svar")));
      answer.appendChild(element("p", null, p.answer));
      box.appendChild(answer);
    }
    if (p.demo) { box.appendChild(element("p", "popup__demo", t("Demodata – eksempel, ikke et ekte forslag"))); }
    box.appendChild(flagForm(feature, marker));
    return box;
  }

  // A resident reports a proposal that breaks the rules; enough reports hide it for review.
  function flagForm(feature, marker) {
    var details = element("details", "popup__flag");
    // The popup grows when the form opens: re-pan so that it stays in view.
    details.addEventListener("toggle", function () { marker.getPopup().update(); });
    details.appendChild(element("summary", null, t("Rapporter innhold")));
    var flag = element("form");
    var id = "flag-reason-" + feature.id;
    var label = element("label", null, t("Hva er galt med forslaget?"));
    label.htmlFor = id;
    var input = element("input");
    input.id = id;
    input.name = "reason";
    input.maxLength = 500;
    input.required = true;
    var button = element("button", "button button--small", t("Send rapport"));
    button.type = "submit";
    var message = element("p", "popup__flag-message");
    message.setAttribute("role", "status");
    flag.append(label, input, button, message);
    flag.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) { message.textContent = t("Skriv en begrunnelse."); return; }
      fetch(config.api.proposals + feature.id + "/flags/", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ reason: input.value })
      }).then(function (response) {
        message.textContent = response.ok
          ? t("Takk! Kommunen ser på forslaget.")
          : t("Rapporten ble ikke sendt. Prøv igjen.");
        if (response.ok) { button.disabled = true; }
      });
    });
    details.appendChild(flag);
    return details;
  }

  function csrfToken() { return form.csrfmiddlewaretoken.value; }

  function addProposal(feature) {
    var category = categories[feature.properties.category];
    var coords = feature.geometry.coordinates; // [lon, lat]
    var marker = L.circleMarker([coords[1], coords[0]], {
      radius: 8, weight: 2, color: "#ffffff", fillOpacity: 0.9, className: "proposal-marker",
      fillColor: category ? category.colour : "#546e7a"
    });
    var content = null; // built on first open, then kept so that update() keeps its state
    marker.bindPopup(function (layer) { return content || (content = popupContent(feature, layer)); });
    marker.feature = feature;
    markersById[feature.id] = marker;
    proposalLayer.addLayer(marker);
    return marker;
  }

  var markersById = {};

  // ?forslag=<id> (links in e-mails) opens that proposal on the map.
  function openLinkedProposal() {
    var id = new URLSearchParams(location.search).get("forslag");
    var marker = id && markersById[id];
    if (marker) {
      map.setView(marker.getLatLng(), 15, { animate: false });
      marker.openPopup();
    }
  }

  function loadProposals(url) {
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (page) {
        page.features.forEach(addProposal);
        if (page.next) { return loadProposals(page.next); }
      });
  }

  function drawCampaign(data) {
    campaign = data;
    L.geoJSON(data.outline, {
      style: { color: "#0b3d5c", weight: 3, fill: false }, interactive: false
    }).addTo(map);
    var b = data.bbox; // [minlon, minlat, maxlon, maxlat]
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { animate: false });
  }

  // ---- Adding a proposal ----

  function setExpanded(open) {
    if (newButton) { newButton.setAttribute("aria-expanded", open ? "true" : "false"); }
  }

  function openPanel() {
    lastFocus = document.activeElement;
    panel.hidden = false;
    placeStep.hidden = false;
    form.hidden = true;
    placing = true;
    document.body.classList.add("is-placing");
    setExpanded(true);
    document.getElementById("add-panel-title").focus();
    map.invalidateSize();
  }

  function closePanel() {
    panel.hidden = true;
    placing = false;
    document.body.classList.remove("is-placing");
    if (pin) { map.removeLayer(pin); pin = null; }
    form.reset();
    clearErrors();
    setExpanded(false);
    map.invalidateSize();
    if (lastFocus) { lastFocus.focus(); }
  }

  // On a phone the form is a bottom sheet: pan the map so that the pin is not hidden under it.
  function keepPinVisible() {
    var mapBox = map.getContainer().getBoundingClientRect();
    var panelBox = panel.getBoundingClientRect();
    var at = map.latLngToContainerPoint(pin.getLatLng());
    var x = at.x + mapBox.left;
    var y = at.y + mapBox.top;
    if (x < panelBox.left || x > panelBox.right || y < panelBox.top || y > panelBox.bottom) { return; }
    var freeWidth = panelBox.left - mapBox.left;
    var target = freeWidth > 120
      ? L.point(freeWidth / 2, at.y)
      : L.point(at.x, (panelBox.top - mapBox.top) / 2);
    map.panBy(at.subtract(target), { animate: false });
  }

  function placePin(latlng) {
    if (pin) {
      pin.setLatLng(latlng);
    } else {
      pin = L.marker(latlng, {
        draggable: true, autoPan: true, keyboard: false,
        title: t("Nytt forslag"), alt: t("Plassering for nytt forslag")
      }).addTo(map);
    }
    if (placeStep.hidden === false) {
      placeStep.hidden = true;
      form.hidden = false;
      document.getElementById("id_category").focus();
    }
    keepPinVisible();
    announce(t("Nålen er plassert."));
  }

  function clearErrors() {
    formErrors.hidden = true;
    formErrors.textContent = "";
    form.querySelectorAll(".field__error").forEach(function (node) {
      node.hidden = true;
      node.textContent = "";
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (node) {
      node.removeAttribute("aria-invalid");
    });
  }

  var FIELD_NAMES = ["category", "title", "body", "name", "email", "consent"];

  function showErrors(errors) {
    clearErrors();
    var first = null;
    var general = [];
    Object.keys(errors).forEach(function (key) {
      var messages = [].concat(errors[key]).join(" ");
      if (FIELD_NAMES.indexOf(key) >= 0) {
        var box = document.getElementById("error-" + key);
        var input = document.getElementById("id_" + key);
        box.textContent = messages;
        box.hidden = false;
        input.setAttribute("aria-invalid", "true");
        first = first || input;
      } else {
        general.push(messages);
      }
    });
    if (general.length) {
      formErrors.textContent = general.join(" ");
      formErrors.hidden = false;
      first = document.getElementById("move-pin");
    }
    if (first) { first.focus(); }
  }

  function clientErrors() {
    var errors = {};
    var required = t("Dette feltet er påkrevd.");
    if (!form.category.value) { errors.category = [t("Velg en kategori.")]; }
    if (!form.title.value.trim()) { errors.title = [required]; }
    if (!form.body.value.trim()) { errors.body = [required]; }
    if (form.email.value && !form.email.checkValidity()) {
      errors.email = [t("Skriv en gyldig e-postadresse, eller la feltet stå tomt.")];
    }
    if (!form.consent.checked) { errors.consent = [t("Du må bekrefte at forslaget blir offentlig.")]; }
    return errors;
  }

  function submit(event) {
    event.preventDefault();
    var errors = clientErrors();
    if (Object.keys(errors).length) { showErrors(errors); return; }
    var latlng = pin.getLatLng();
    var feature = {
      type: "Feature",
      geometry: { type: "Point", coordinates: [latlng.lng, latlng.lat] },
      properties: {
        category: form.category.value,
        title: form.title.value,
        body: form.body.value,
        name: form.name.value,
        email: form.email.value,
        campaign: campaign ? campaign.id : undefined
      }
    };
    var button = form.querySelector("[type=submit]");
    button.disabled = true;
    fetch(config.api.proposals, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken()
      },
      body: JSON.stringify(feature)
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) { showErrors(result.body); return; }
      var published = result.body.properties.visibility === "published";
      var marker = published ? addProposal(result.body) : null;
      closePanel();
      if (marker) { marker.openPopup(); }
      announce(published
        ? t("Takk! Forslaget ditt er publisert på kartet.")
        : t("Takk! Forslaget ditt vises på kartet når det er godkjent."));
    }).catch(function () {
      showErrors({ form: [t("Noe gikk galt. Forslaget ble ikke sendt. Prøv igjen.")] });
    }).then(function () { button.disabled = false; });
  }

  map.on("click", function (event) {
    if (placing) { placePin(event.latlng); }
  });
  if (newButton) { newButton.addEventListener("click", openPanel); }
  document.getElementById("place-at-centre").addEventListener("click", function () {
    placePin(map.getCenter());
  });
  document.getElementById("move-pin").addEventListener("click", function () {
    placePin(map.getCenter());
  });
  panel.querySelectorAll(".js-cancel").forEach(function (button) {
    button.addEventListener("click", closePanel);
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closePanel(); }
  });
  form.addEventListener("submit", submit);

  Promise.all([
    fetch(config.api.categories).then(function (r) { return r.json(); }),
    fetch(config.api.campaign).then(function (r) { return r.ok ? r.json() : null; })
  ]).then(function (results) {
    results[0].forEach(function (c) { categories[c.slug] = c; });
    if (results[1]) {
      drawCampaign(results[1]);
      return loadProposals(config.api.proposals + "?page_size=1000&campaign=" + results[1].id);
    }
  }).then(function () {
    openLinkedProposal();
    document.getElementById("map").setAttribute("data-ready", "true");
  }).catch(function () {
    announce(t("Kunne ikke laste forslagene. Last siden på nytt."));
  });
})();
