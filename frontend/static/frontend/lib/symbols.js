/* Category symbols for Leaflet: the same SVG sprite the server-rendered legend and lists use. */

// sprite: the sprite's URL (hashed in production), from the page's config.
export function createSymbols(sprite) {
  function colour(category) {
    return category ? category.colour : "#546e7a";
  }

  function svg(category, size) {
    const symbol = category ? category.symbol : "circle";
    return '<svg class="symbol" width="' + size + '" height="' + size + '" style="color:' + colour(category) +
      '" aria-hidden="true" focusable="false"><use href="' + sprite + "#" + symbol + '"></use></svg>';
  }

  function icon(category, size = 26) {
    return L.divIcon({
      html: svg(category, size), className: "symbol-marker",
      iconSize: [size, size], iconAnchor: [size / 2, size / 2], popupAnchor: [0, -size / 2]
    });
  }

  return { colour, svg, icon };
}
