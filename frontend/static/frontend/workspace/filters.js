/* The workspace's filters as query parameters, and the page's URL that keeps them (shareable,
   and restored on reload). */

export function selectedAreas(form) {
  return Array.from(form.querySelectorAll("input[name=area]:checked"), (box) => box.value);
}

// The filters as the API reads them; `kind` only chooses which areas are listed.
export function filterParams(form) {
  const params = new URLSearchParams();
  new FormData(form).forEach((value, key) => {
    if (value !== "" && key !== "kind") { params.append(key, value); }
  });
  return params;
}

// The filters as the search body takes them: {"area": ["320114"], ...}.
export function filtersAsBody(form) {
  const params = filterParams(form);
  return Object.fromEntries([...new Set(params.keys())].map((key) => [key, params.getAll(key)]));
}

// Write the filters, the page and the tab into the address bar.
export function syncUrl(form, { cursor, statsShown }) {
  const params = filterParams(form);
  params.set("kind", form.kind.value);
  if (cursor) { params.set("cursor", cursor); }
  if (statsShown) { params.set("tab", "stats"); }
  history.replaceState(null, "", "?" + params.toString());
}

// Set the form from the address bar. Returns what the form cannot hold until later: the areas
// (listed once loaded), the page's cursor, the drawn polygon and the tab.
export function restoreFromUrl(form) {
  const params = new URLSearchParams(location.search);
  if (!params.toString()) { return { areas: [], cursor: null, within: null, tab: null }; }
  Array.from(form.elements).forEach((control) => {
    if (!control.name || control.name === "area") { return; }
    const values = params.getAll(control.name);
    if (control.type === "checkbox") {
      control.checked = values.includes(control.value);
    } else if (control.tagName === "SELECT" || control.type !== "button") {
      control.value = values.length ? values[0] : (control.name === "ordering" ? "-created" : "");
    }
  });
  if (!params.get("kind")) { form.kind.value = "delomrade"; }
  const within = params.get("within");
  return {
    areas: params.getAll("area"),
    cursor: params.get("cursor"),
    within: within ? JSON.parse(within) : null,
    tab: params.get("tab")
  };
}
