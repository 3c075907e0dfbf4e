/* The one way the pages talk to the API: every answer's status is checked, and a failed request
   rejects with an ApiError that carries the server's message. Writes wait for the browser's
   proof (lib/proof.js). */

import { proven } from "./proof.js";

export class ApiError extends Error {
  constructor(status, body) {
    super("HTTP " + status);
    this.status = status;
    this.body = body;
  }
}

function csrfToken() {
  const input = document.querySelector("[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

async function send(url, init) {
  if (init.method) { await proven; }
  const response = await fetch(url, { credentials: "same-origin", ...init });
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) { throw new ApiError(response.status, body); }
  return body;
}

export function getJSON(url, options = {}) {
  return send(url, { headers: { Accept: options.accept || "application/json" }, signal: options.signal });
}

// A write with an optional JSON body (POST, PUT, DELETE).
export function sendJSON(method, url, body) {
  return send(url, {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}

export function postJSON(url, body) {
  return sendJSON("POST", url, body);
}

// Multipart, for a proposal with photos.
export function postForm(url, formData) {
  return send(url, {
    method: "POST", headers: { Accept: "application/json", "X-CSRFToken": csrfToken() }, body: formData
  });
}

// What to tell the user: the server's own words when it sent any (field errors joined), else the fallback.
export function errorMessage(error, fallback = gettext("Noe gikk galt. Prøv igjen.")) {
  const body = error instanceof ApiError ? error.body : null;
  if (!body || typeof body !== "object") { return fallback; }
  if (body.detail) { return String(body.detail); }
  const words = Object.values(body).flat().filter((value) => typeof value === "string");
  return words.length ? words.join(" ") : fallback;
}
