/* The colour classes of the numbers per area, shared by the map's areas and the legend. */

import { formatNumber, pageLanguage } from "../lib/format.js";

export const CHOROPLETH = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];

// Class 0 is "none"; the others split 1..max into equal steps.
export function classOf(count, max) {
  if (!count || !max) { return 0; }
  return Math.min(CHOROPLETH.length - 1, 1 + Math.floor((count / max) * (CHOROPLETH.length - 1) - 1e-9));
}

// The legend's label of class i, which holds the values over step × (i − 1) up to step × i: "0",
// then whole counts "a–b" that neither overlap nor leave a gap ("–" for a class no whole count
// falls in), or rates "over a til b", written as the page's language writes numbers.
export function classLabel(i, max, decimals = false) {
  const step = max / (CHOROPLETH.length - 1);
  if (i === 0) { return "0"; }
  if (decimals) {
    const digits = step < 1 ? 2 : 1;
    const rate = (value) => value.toLocaleString(pageLanguage(), { maximumFractionDigits: digits });
    return interpolate(gettext("over %s til %s"), [rate(step * (i - 1)), rate(step * i)]);
  }
  const low = Math.floor(step * (i - 1)) + 1;
  const high = Math.floor(step * i);
  if (low > high) { return "–"; }
  return low === high ? formatNumber(low) : formatNumber(low) + "–" + formatNumber(high);
}
