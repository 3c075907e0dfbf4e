/* Small DOM helpers shared by the pages. Text always goes in as textContent, never as HTML. */

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}

// The page's settings, written by the server with Django's json_script.
export function readConfig(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

// Screen readers announce a live region's change: empty it first so a repeated message is read again.
export function announce(box, message, { clearAfterMs = 0 } = {}) {
  box.textContent = "";
  window.setTimeout(() => { box.textContent = message; }, 50);
  // A passing message leaves once it has been read out; a newer one is never cleared by it.
  window.clearTimeout(box.clearTimer);
  if (message && clearAfterMs) {
    box.clearTimer = window.setTimeout(() => {
      if (box.textContent === message) { box.textContent = ""; }
    }, clearAfterMs);
  }
}
