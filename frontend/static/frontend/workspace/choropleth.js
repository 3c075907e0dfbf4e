/* The colour classes of the numbers per area, shared by the map's areas and the legend. */

export const CHOROPLETH = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];

// Class 0 is "none"; the others split 1..max into equal steps.
export function classOf(count, max) {
  if (!count || !max) { return 0; }
  return Math.min(CHOROPLETH.length - 1, 1 + Math.floor((count / max) * (CHOROPLETH.length - 1) - 1e-9));
}

// The legend's label of class i: "0", then "a–b" ranges (whole counts, or rates to one decimal).
export function classLabel(i, max, decimals = false) {
  const step = max / (CHOROPLETH.length - 1);
  if (i === 0) { return "0"; }
  if (decimals) { return (step * (i - 1)).toFixed(1) + "–" + (step * i).toFixed(1); }
  return Math.floor(step * (i - 1)) + 1 + "–" + Math.ceil(step * i);
}
