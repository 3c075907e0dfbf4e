/* The browser proves itself in the background (mapping/proof.py): it asks for a challenge, finds
   the number whose SHA-256 with the salt starts with the asked zero bits, and sends it. Nobody
   sees a puzzle. Until it is done, writes wait for it (lib/api.js), so that a resident's first
   support already counts. The page says whether a proof is wanted (json_script "device-proof"). */

function leadingZeroBits(bytes) {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) { bits += 8; continue; }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

async function solve({ salt, bits }) {
  const encoder = new TextEncoder();
  for (let number = 0; ; number += 1) {
    const digest = await crypto.subtle.digest("SHA-256", encoder.encode(salt + number));
    if (leadingZeroBits(new Uint8Array(digest)) >= bits) { return number; }
  }
}

async function prove() {
  const element = document.getElementById("device-proof");
  if (!element || !window.crypto || !crypto.subtle) { return; }
  const url = JSON.parse(element.textContent);
  const headers = { Accept: "application/json" };
  const state = await (await fetch(url, { credentials: "same-origin", headers })).json();
  if (state.proven || !state.challenge) { return; }
  const number = await solve(state.challenge);
  const { salt, signature } = state.challenge;
  await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ salt, signature, number })
  });
}

// Settles once the proof is sent, or at once when none is wanted; never rejects, since a browser
// that cannot prove itself still writes (held for moderation).
export const proven = prove().catch(() => undefined);

// The pages' plain forms (support, comment, report, the form without a map) wait for it too:
// a submit while the proof is under way is sent as soon as it is done.
let pending = true;
proven.then(() => { pending = false; });
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!pending || form.method !== "post") { return; }
  event.preventDefault();
  const submitter = event.submitter;
  proven.then(() => form.requestSubmit(submitter && submitter.form === form ? submitter : undefined));
}, true);
