/* Numbers, dates and names in the page's language (the <html lang> the server chose). */

export function pageLanguage() {
  return document.documentElement.lang || "nb";
}

export function formatDate(iso, month = "long") {
  return new Date(iso).toLocaleDateString(pageLanguage(), { year: "numeric", month, day: "numeric" });
}

export function formatNumber(value) {
  return Number(value).toLocaleString(pageLanguage());
}

// A group's count as the statistics send it: a number, or null for 1–4 ("fewer than 5",
// mapping/small_groups.py).
export function formatGroupCount(row) {
  return row.count === null ? interpolate(gettext("færre enn %s"), [row.fewer_than]) : formatNumber(row.count);
}

// Place names are Norwegian whatever the page language: sort them with Norwegian rules (æ, ø, å last).
export function compareNames(a, b) {
  return a.localeCompare(b, "nb", { numeric: true });
}
