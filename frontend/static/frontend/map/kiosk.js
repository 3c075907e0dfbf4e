/* Kiosk mode on a shared tablet (a library, a folkemøte): after each proposal a thank-you screen
   returns to the map by itself, and the browser forgets the person: the form's name and e-mail,
   and which proposals they supported (the server hands out a new device token). */

import { postJSON } from "../lib/api.js";

// context: {map, config, form}
export function startKiosk({ map, config, form }) {
  const dialog = document.getElementById("kiosk-thanks");
  const text = document.getElementById("kiosk-thanks-text");
  let countdown = null;
  let idle = null;
  form.name.autocomplete = "off";
  form.email.autocomplete = "off";

  function nextPerson() {
    window.clearInterval(countdown);
    if (dialog.open) { dialog.close(); }
    map.closePopup();
    form.reset();
    map.fitBounds(config.view.bounds, { animate: false });
    document.getElementById("new-proposal").focus();
    return postJSON(config.kiosk.next).catch(() => null);
  }

  function thanks(published) {
    let left = config.kiosk.return_s;
    const lead = published
      ? gettext("Forslaget er publisert på kartet.")
      : gettext("Forslaget vises på kartet når det er godkjent.");
    const tick = () => {
      text.textContent = lead + " " + interpolate(gettext("Kartet er klart for nestemann om %s sekunder."), [left]);
      if (left-- <= 0) { nextPerson(); }
    };
    dialog.showModal();
    tick();
    countdown = window.setInterval(tick, 1000);
  }

  // Someone walked away mid-way: after a while without a touch, the next person starts afresh.
  function stillHere() {
    window.clearTimeout(idle);
    idle = window.setTimeout(nextPerson, config.kiosk.idle_s * 1000);
  }

  document.getElementById("kiosk-next").addEventListener("click", nextPerson);
  ["pointerdown", "keydown"].forEach((type) => document.addEventListener(type, stillHere));
  stillHere();
  return { thanks };
}
