/* Resident map: shows proposals from the API and lets a resident add one by mouse, touch or keyboard. */

import { getJSON } from "./lib/api.js";
import { createMap } from "./lib/basemap.js";
import { announce, readConfig } from "./lib/dom.js";
import { ProposalLayer } from "./lib/proposal_layer.js";
import { createSymbols } from "./lib/symbols.js";
import { addProposal } from "./map/add_proposal.js";
import { startKiosk } from "./map/kiosk.js";
import { placeSearch } from "./map/place_search.js";
import { createPopups } from "./map/popups.js";

const config = readConfig("map-config");
const symbols = createSymbols(config.sprite);
const categories = {};
const statusBox = document.getElementById("status");
// The map's messages ("Takk! …") go after 10 s: they are read out at once, and would otherwise
// stand over the map for good.
const say = (message) => announce(statusBox, message, { clearAfterMs: 10000 });

// The legend starts folded on phones, where it would cover much of the map.
if (window.matchMedia("(max-width: 640px)").matches) {
  document.getElementById("legend").removeAttribute("open");
}

// Whole zoom levels: the proposal layer draws its cells 64 px apart only there.
const map = createMap("map", config, { keyboard: true, zoomControl: true, minZoom: 9, zoomSnap: 1 });
const over = { top: document.getElementById("place-search"), bottom: document.getElementById("legend") };
const popups = createPopups({ map, config, categories, symbols, say, over });
const form = document.getElementById("proposal-form");
const kiosk = config.kiosk ? startKiosk({ map, config, form }) : null;
const context = { map, config, say, popups, layer: null, kiosk };
const adding = addProposal(context);

placeSearch(map, {
  url: config.api.places,
  say,
  onPick: (hit) => { if (adding.isPlacing()) { adding.place(L.latLng(hit.lat, hit.lon)); } }
});

// Where a tap (or Enter on a focused marker) landed.
function tapped(marker, event) {
  const pointer = event && event.originalEvent;
  return pointer && "clientX" in pointer ? map.mouseEventToLatLng(pointer) : marker.getLatLng();
}

// While a pin is being placed, a tap anywhere on the map places it, on a proposal or a count too.
function startLayer(campaignId) {
  context.layer = new ProposalLayer({
    url: (c) => config.api.proposals + "tiles/" + c.z + "/" + c.x + "/" + c.y + "/?campaign=" + campaignId,
    singleIcon: (feature) => symbols.icon(categories[feature.properties.category]),
    shapeColour: (feature) => symbols.colour(categories[feature.properties.category]),
    onSingle: (feature, marker, event) => {
      if (adding.isPlacing()) { adding.place(tapped(marker, event)); } else { popups.show(feature.id, marker); }
    },
    onCluster: (marker, zoom, event) => {
      if (adding.isPlacing()) { adding.place(tapped(marker, event)); } else { context.layer.zoomInto(marker, zoom); }
    },
    clusterTitle: (count) => interpolate(gettext("%s forslag her. Zoom inn."), [count])
  }).addTo(map);
  return new Promise((resolve) => context.layer.once("load", resolve));
}

function drawCampaign(campaign) {
  L.geoJSON(campaign.outline, { style: { color: "#0b3d5c", weight: 3, fill: false }, interactive: false }).addTo(map);
}

// ?forslag=<id> opens that proposal on the map; a poster's link opens a new proposal at its spot.
function openLinked() {
  const id = new URLSearchParams(location.search).get("forslag");
  if (id) { return popups.show(id, null, null); }
  if (config.poster && config.campaign_open) {
    adding.open();
    adding.place(L.latLng(config.poster.lat, config.poster.lon));
  }
}

Promise.all([
  getJSON(config.api.categories),
  config.campaign_url ? getJSON(config.campaign_url) : null
]).then(([items, campaign]) => {
  items.forEach((c) => { categories[c.slug] = c; });
  if (campaign) {
    drawCampaign(campaign);
    return startLayer(campaign.id);
  }
}).then(openLinked).then(() => {
  document.getElementById("map").setAttribute("data-ready", "true");
}).catch(() => {
  say(gettext("Kunne ikke laste forslagene. Last siden på nytt."));
});
