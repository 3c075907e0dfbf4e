/* The new-proposal form's errors: checked in the browser first, then the server's, shown by each
   field (aria-invalid, focus on the first) or above the form. */

const FIELD_NAMES = ["category", "title", "body", "photos", "name", "email", "consent"];

export function clearErrors(form) {
  const general = document.getElementById("form-errors");
  general.hidden = true;
  general.textContent = "";
  form.querySelectorAll(".field__error").forEach((node) => {
    node.hidden = true;
    node.textContent = "";
  });
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
}

// errors: {field: [messages]}; keys that are not fields (the pin's place, a flood) go above the form.
export function showErrors(form, errors) {
  clearErrors(form);
  let first = null;
  const general = [];
  Object.entries(errors).forEach(([key, value]) => {
    const messages = [].concat(value).join(" ");
    if (!FIELD_NAMES.includes(key)) { general.push(messages); return; }
    const box = document.getElementById("error-" + key);
    const input = document.getElementById("id_" + key);
    box.textContent = messages;
    box.hidden = false;
    input.setAttribute("aria-invalid", "true");
    first = first || input;
  });
  if (general.length) {
    const box = document.getElementById("form-errors");
    box.textContent = general.join(" ");
    box.hidden = false;
    first = document.getElementById("move-pin");
  }
  if (first) { first.focus(); }
}

export function clientErrors(form, maxPhotos) {
  const errors = {};
  const required = gettext("Dette feltet er påkrevd.");
  if (!form.category.value) { errors.category = [gettext("Velg en kategori.")]; }
  if (!form.title.value.trim()) { errors.title = [required]; }
  if (!form.body.value.trim()) { errors.body = [required]; }
  if (form.photos.files.length > maxPhotos) {
    errors.photos = [interpolate(gettext("Du kan legge ved høyst %s bilder."), [maxPhotos])];
  }
  if (form.email.value && !form.email.checkValidity()) {
    errors.email = [gettext("Skriv en gyldig e-postadresse, eller la feltet stå tomt.")];
  }
  if (!form.consent.checked) { errors.consent = [gettext("Du må bekrefte at forslaget blir offentlig.")]; }
  return errors;
}
