"""Run by Debian's Python with QGIS (python3-qgis), headless: loads one OAPIF layer as QGIS's
"OGC API – Features" connection does and prints what QGIS read, as JSON.

    python3 qgis_read.py URL COLLECTION [KEY]
"""

import json
import sys

from qgis.core import QgsApplication, QgsVectorLayer, QgsWkbTypes

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
url, collection = sys.argv[1], sys.argv[2]
# A key goes as the password of HTTP Basic, as the connection's Authentication tab sends it.
auth = f" username='token' password='{sys.argv[3]}'" if len(sys.argv) > 3 else ""
layer = QgsVectorLayer(f"url='{url}' typename='{collection}'{auth}", collection, "OAPIF")
read = {"valid": layer.isValid()}
if layer.isValid():
    features = list(layer.getFeatures())
    extent = layer.extent()
    read.update(
        features=len(features),
        feature_count=layer.featureCount(),
        extent=[extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()],
        crs=layer.crs().authid(),
        fields=[field.name() for field in layer.fields()],
        ids=sorted(f["id"] for f in features) if "id" in layer.fields().names() else [],
        geometry_type=QgsWkbTypes.displayString(layer.wkbType()),
        geometry_types=sorted(
            {QgsWkbTypes.displayString(f.geometry().wkbType()) for f in features}
        ),
    )
print(json.dumps(read))
del layer, features
app.exitQgis()
