"""Run by Debian's Python with QGIS (python3-qgis), headless: draws the vector tile layer as
QGIS's "Vector Tiles" generic connection does, points in red on white, and prints how many
sampled pixels are red.

    python3 qgis_tiles.py TILE_URL_TEMPLATE PNG
"""

import sys
from urllib.parse import quote

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorTileBasicRenderer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
template, png = sys.argv[1], sys.argv[2]
layer = QgsVectorTileLayer(f"type=xyz&url={quote(template, safe=':/{}')}&zmin=0&zmax=22", "forslag")
assert layer.isValid()
red = QColor("red")
renderer = QgsVectorTileBasicRenderer()
renderer.setStyles(QgsVectorTileBasicRenderer.simpleStyle(red, red, 1, red, 1, red, red, 6))
layer.setRenderer(renderer)
settings = QgsMapSettings()
settings.setLayers([layer])
settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
settings.setExtent(QgsRectangle(1155000, 8355000, 1190000, 8400000))  # Bærum, Web Mercator
settings.setOutputSize(QSize(400, 400))
settings.setBackgroundColor(QColor("white"))
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
image = job.renderedImage()
image.save(png)
pixels = [QColor(image.pixel(x, y)) for x in range(0, 400, 2) for y in range(0, 400, 2)]
print(sum(1 for p in pixels if p.red() > 200 and p.green() < 80))
del layer
app.exitQgis()
