/* Category symbols for Leaflet: the same SVG sprite the server-rendered legend and lists use. */
(function () {
  "use strict";
  // The sprite's URL (hashed in production) comes from this script tag's data-sprite.
  var sprite = document.currentScript.dataset.sprite;

  function svg(category, size) {
    var symbol = category ? category.symbol : "circle";
    var colour = category ? category.colour : "#546e7a";
    return '<svg class="symbol" width="' + size + '" height="' + size + '" style="color:' + colour +
      '" aria-hidden="true" focusable="false"><use href="' + sprite + "#" + symbol + '"></use></svg>';
  }

  window.FremtidskartSymbols = {
    svg: svg,
    icon: function (category, size) {
      size = size || 26;
      return L.divIcon({
        html: svg(category, size), className: "symbol-marker",
        iconSize: [size, size], iconAnchor: [size / 2, size / 2], popupAnchor: [0, -size / 2]
      });
    }
  };
})();
