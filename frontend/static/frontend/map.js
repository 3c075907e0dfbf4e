/* Resident map: shows proposals from the API and lets a resident add one by mouse, touch or keyboard. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("map-config").textContent);
  var symbols = window.FremtidskartSymbols;
  var categories = {};
  var campaign = null;
  var pin = null;
  var placing = false;
  var lastFocus = null;
  var currentPopup = null;
  var popupReturn = null;

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
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function csrfToken() { return form.csrfmiddlewaretoken.value; }

  function postJSON(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, status: response.status, body: data }; });
    });
  }

  // ---- Proposals on the map ----

  // Built with textContent so that residents' text can never run as HTML.
  function popupContent(feature) {
    var p = feature.properties;
    var category = categories[p.category];
    var box = element("article", "popup");
    // Leaflet's own Escape handling stops once focus is inside the popup.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { map.closePopup(); }
    });
    var tag = element("p", "popup__category");
    tag.innerHTML = symbols.svg(category, 14);
    tag.appendChild(document.createTextNode(category ? category.name : p.category));
    box.appendChild(tag);
    var title = element("h3", "popup__title", p.title);
    title.tabIndex = -1;
    box.appendChild(title);
    box.appendChild(element("p", "popup__body", p.body));
    var meta = (p.name ? p.name + " · " : "") + formatDate(p.created_at);
    box.appendChild(element("p", "popup__meta", meta));
    if (p.approximate) { box.appendChild(element("p", "popup__meta", gettext("Omtrentlig plassering"))); }
    box.appendChild(element("p", "popup__status", gettext("Status:") + " " + config.statuses[p.status]));
    if (p.answer) {
      var answer = element("div", "popup__answer");
      answer.appendChild(element("p", "popup__answer-title", gettext("Kommunens svar")));
      answer.appendChild(element("p", null, p.answer));
      box.appendChild(answer);
    }
    var photos = element("div", "popup__photos");
    box.appendChild(photos);
    feature.properties.photos.forEach(function (photo, i) {
      var link = element("a");
      link.href = photo.url;
      var img = element("img");
      img.src = photo.thumbnail;
      img.alt = interpolate(gettext("Bilde %s til forslaget «%s»"), [i + 1, p.title]);
      link.appendChild(img);
      photos.appendChild(link);
    });
    if (p.demo) { box.appendChild(element("p", "popup__demo", gettext("Demodata – eksempel, ikke et ekte forslag"))); }
    var actions = element("div", "popup__actions");
    actions.appendChild(supportButton(feature));
    var more = element("a", "button button--small", gettext("Les mer og kommenter"));
    more.href = "/forslag/" + feature.id + "/";
    actions.appendChild(more);
    box.appendChild(actions);
    box.appendChild(flagForm(feature));
    return box;
  }

  function supportLabel(count) {
    return interpolate(gettext("Støtt (%s)"), [count]);
  }

  function supportButton(feature) {
    var button = element("button", "button button--small button--primary", supportLabel(feature.properties.support_count));
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
    if (!config.campaign_open) { button.disabled = true; }
    button.addEventListener("click", function () {
      support(feature.id).then(function (result) {
        if (!result) { return; }
        feature.properties.support_count = result.support_count;
        button.textContent = supportLabel(result.support_count);
        button.setAttribute("aria-pressed", "true");
      });
    });
    return button;
  }

  function support(id) {
    return postJSON(config.api.proposals + id + "/support/").then(function (result) {
      if (!result.ok) {
        announce(result.body.detail || [].concat(result.body.campaign || []).join(" ") || gettext("Støtten ble ikke registrert."));
        return null;
      }
      announce(result.body.counted ? gettext("Takk for støtten!") : gettext("Du har allerede støttet dette forslaget."));
      return result.body;
    });
  }

  // A resident reports a proposal that breaks the rules; enough reports hide it for review.
  function flagForm(feature) {
    var details = element("details", "popup__flag");
    // The popup grows when the form opens: re-pan so that it stays in view.
    details.addEventListener("toggle", function () {
      if (currentPopup) { currentPopup.update(); }
    });
    details.appendChild(element("summary", null, gettext("Rapporter innhold")));
    var flag = element("form");
    var id = "flag-reason-" + feature.id;
    var label = element("label", null, gettext("Hva er galt med forslaget?"));
    label.htmlFor = id;
    var input = element("input");
    input.id = id;
    input.name = "reason";
    input.maxLength = 500;
    input.required = true;
    var button = element("button", "button button--small", gettext("Send rapport"));
    button.type = "submit";
    var message = element("p", "popup__flag-message");
    message.setAttribute("role", "status");
    flag.append(label, input, button, message);
    flag.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) { message.textContent = gettext("Skriv en begrunnelse."); return; }
      postJSON(config.api.proposals + feature.id + "/flags/", { reason: input.value }).then(function (result) {
        message.textContent = result.ok
          ? gettext("Takk! Kommunen ser på forslaget.")
          : gettext("Rapporten ble ikke sendt. Prøv igjen.");
        if (result.ok) { button.disabled = true; }
      });
    });
    details.appendChild(flag);
    return details;
  }

  // Open a proposal's popup: on its marker when it has one, else at its position.
  function showProposal(id, marker) {
    return fetch(config.api.proposals + id + "/").then(function (r) { return r.json(); }).then(function (feature) {
      var c = feature.geometry.coordinates;
      if (!marker) {
        map.setView([c[1], c[0]], Math.max(map.getZoom(), 16), { animate: false });
        currentPopup = L.popup({ maxWidth: 300 }).setLatLng([c[1], c[0]])
          .setContent(popupContent(feature)).openOn(map);
        popupReturn = lastFocus;
        return;
      }
      marker.unbindPopup();
      marker.bindPopup(popupContent(feature), { maxWidth: 300 });
      currentPopup = marker.getPopup();
      popupReturn = marker.getElement();
      marker.openPopup();
    });
  }

  // Focus goes into an opened popup, and back to its marker (or where the resident came from)
  // when it closes with focus inside.
  map.on("popupopen", function (event) {
    var title = event.popup.getElement().querySelector(".popup__title");
    if (title) { title.focus({ preventScroll: true }); }
  });
  map.on("popupclose", function (event) {
    var target = popupReturn;
    var closing = event.popup.getElement(); // fades out before it leaves the page
    window.setTimeout(function () {
      var focus = document.activeElement;
      var lost = focus === document.body || (closing && closing.contains(focus));
      if (lost && target && document.body.contains(target)) {
        target.focus({ preventScroll: true });
      }
    }, 0);
  });

  // ?forslag=<id> opens that proposal on the map.
  function openLinkedProposal() {
    var id = new URLSearchParams(location.search).get("forslag");
    if (id) { return showProposal(id, null); }
  }

  var layer = null;

  function startLayer(campaignId) {
    layer = window.FremtidskartProposalLayer(map, {
      url: function (c) {
        return config.api.proposals + "tiles/" + c.z + "/" + c.x + "/" + c.y + "/?campaign=" + campaignId;
      },
      categories: function () { return categories; },
      onSingle: function (feature, marker) { showProposal(feature.id, marker); },
      clusterTitle: function (count) { return interpolate(gettext("%s forslag her. Zoom inn."), [count]); }
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

  // ---- Place search ----

  var searchForm = document.getElementById("place-search");
  var results = document.getElementById("place-results");

  function goTo(hit) {
    if (hit.bbox) {
      map.fitBounds([[hit.bbox[1], hit.bbox[0]], [hit.bbox[3], hit.bbox[2]]], { maxZoom: 16 });
    } else {
      map.setView([hit.lat, hit.lon], 16);
    }
    results.hidden = true;
    if (placing) { placePin(L.latLng(hit.lat, hit.lon)); }
    announce(interpolate(gettext("Kartet viser %s."), [hit.name]));
  }

  searchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("place-query").value.trim();
    if (!query) { return; }
    fetch(config.api.places + "?q=" + encodeURIComponent(query)).then(function (r) { return r.json(); }).then(function (hits) {
      results.textContent = "";
      if (!hits.length) {
        results.appendChild(element("li", "place-results__none", gettext("Fant ingen steder med det navnet.")));
      }
      hits.forEach(function (hit) {
        var item = element("li");
        var button = element("button", "place-results__hit");
        button.type = "button";
        button.appendChild(element("span", null, hit.name));
        button.appendChild(element("span", "place-results__kind", hit.kind));
        button.addEventListener("click", function () { goTo(hit); });
        item.appendChild(button);
        results.appendChild(item);
      });
      results.hidden = false;
      announce(interpolate(gettext("%s treff."), [hits.length]));
      var first = results.querySelector("button");
      if (first) { first.focus(); }
    });
  });
  results.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { results.hidden = true; document.getElementById("place-query").focus(); }
  });

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
    document.getElementById("similar").hidden = true;
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
        icon: L.icon(Object.assign({}, L.Icon.Default.prototype.options, {
          iconUrl: config.pin.icon, iconRetinaUrl: config.pin.icon_2x, shadowUrl: config.pin.shadow
        })),
        draggable: true, autoPan: true, keyboard: false,
        title: gettext("Nytt forslag"), alt: gettext("Plassering for nytt forslag")
      }).addTo(map);
      pin.on("dragend", findSimilar);
    }
    if (placeStep.hidden === false) {
      placeStep.hidden = true;
      form.hidden = false;
      document.getElementById("id_category").focus();
    }
    keepPinVisible();
    findSimilar();
    announce(gettext("Nålen er plassert."));
  }

  // While the resident writes, show proposals nearby with a similar title.
  var similarTimer = null;
  function findSimilar() {
    window.clearTimeout(similarTimer);
    similarTimer = window.setTimeout(function () {
      var text = form.title.value.trim();
      var box = document.getElementById("similar");
      if (!pin || text.length < 4) { box.hidden = true; return; }
      var at = pin.getLatLng();
      var url = config.api.similar + "?point=" + at.lng.toFixed(6) + "," + at.lat.toFixed(6) +
        "&text=" + encodeURIComponent(text);
      fetch(url).then(function (r) { return r.json(); }).then(function (collection) {
        var list = document.getElementById("similar-list");
        list.textContent = "";
        collection.features.forEach(function (feature) {
          var item = element("li", "similar__item");
          item.appendChild(element("span", "similar__name", feature.properties.title));
          var button = element("button", "button button--small", gettext("Støtt dette i stedet"));
          button.type = "button";
          button.addEventListener("click", function () {
            support(feature.id).then(function (result) {
              if (!result) { return; }
              closePanel();
              showProposal(feature.id, null);
            });
          });
          item.appendChild(button);
          list.appendChild(item);
        });
        box.hidden = collection.features.length === 0;
      });
    }, 400);
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

  var FIELD_NAMES = ["category", "title", "body", "photos", "name", "email", "consent"];

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
    var required = gettext("Dette feltet er påkrevd.");
    if (!form.category.value) { errors.category = [gettext("Velg en kategori.")]; }
    if (!form.title.value.trim()) { errors.title = [required]; }
    if (!form.body.value.trim()) { errors.body = [required]; }
    if (form.photos.files.length > config.max_photos) {
      errors.photos = [interpolate(gettext("Du kan legge ved høyst %s bilder."), [config.max_photos])];
    }
    if (form.email.value && !form.email.checkValidity()) {
      errors.email = [gettext("Skriv en gyldig e-postadresse, eller la feltet stå tomt.")];
    }
    if (!form.consent.checked) { errors.consent = [gettext("Du må bekrefte at forslaget blir offentlig.")]; }
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
        website: form.website.value,
        campaign: config.campaign || undefined
      }
    };
    // Photos go as multipart with the Feature as one part; without photos, plain JSON.
    var body = new FormData();
    body.append("feature", JSON.stringify(feature));
    Array.prototype.forEach.call(form.photos.files, function (file) { body.append("photos", file); });
    var button = form.querySelector("[type=submit]");
    button.disabled = true;
    announce(gettext("Sender forslaget …"));
    fetch(config.api.proposals, {
      method: "POST",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: body
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, body: data }; });
    }).then(function (result) {
      if (!result.ok) { showErrors(result.body); return; }
      var published = result.body.properties.visibility === "published";
      closePanel();
      if (published) {
        layer.refresh();
        showProposal(result.body.id, null);
      }
      announce(published
        ? gettext("Takk! Forslaget ditt er publisert på kartet.")
        : gettext("Takk! Forslaget ditt vises på kartet når det er godkjent."));
    }).catch(function () {
      showErrors({ form: [gettext("Noe gikk galt. Forslaget ble ikke sendt. Prøv igjen.")] });
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
  form.title.addEventListener("input", findSimilar);
  panel.querySelectorAll(".js-cancel").forEach(function (button) {
    button.addEventListener("click", closePanel);
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closePanel(); }
  });
  form.addEventListener("submit", submit);

  Promise.all([
    fetch(config.api.categories).then(function (r) { return r.json(); }),
    config.campaign_url ? fetch(config.campaign_url).then(function (r) { return r.ok ? r.json() : null; }) : null
  ]).then(function (results) {
    results[0].forEach(function (c) { categories[c.slug] = c; });
    if (results[1]) {
      drawCampaign(results[1]);
      startLayer(results[1].id);
      return new Promise(function (resolve) { layer.grid.once("load", resolve); });
    }
  }).then(function () {
    openLinkedProposal();
    document.getElementById("map").setAttribute("data-ready", "true");
  }).catch(function () {
    announce(gettext("Kunne ikke laste forslagene. Last siden på nytt."));
  });
})();
