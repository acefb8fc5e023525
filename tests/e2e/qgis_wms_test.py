#!/usr/bin/python3
"""QGIS 3.22 (Debian's python3-qgis) as a WMS client of territorio.

Starts the real binary on a free port over the fixture store, loads the WMS
layer communes with the style per_100k as QGIS's WMS provider does from the
capabilities, renders it to an image and checks the class colour of known
communes against /coverage, then fetches the layer's legend through the
provider (the GetLegendGraphic URL the capabilities advertise).

Usage: qgis_wms_test.py TERRITORIO_BIN STORE (run by ctest as qgis_wms).
"""
import json
import os
import sys
import urllib.request

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsRasterLayer  # noqa: E402
from qgis.PyQt.QtCore import QEventLoop, QTimer  # noqa: E402
from qgis.PyQt.QtGui import QColor, QImage  # noqa: E402

from qgis_support import POINTS, Rendered, class_colour, commonest_colour, start_server  # noqa: E402


def main():
    binary, store = sys.argv[1], sys.argv[2]
    proc, base = start_server(binary, store)
    failures = []
    try:
        with urllib.request.urlopen(base + "/coverage?level=commune") as r:
            units = {u["code"]: u for u in json.load(r)["units"]}

        app = QgsApplication([], False)
        app.initQgis()
        uri = "crs=EPSG:3857&format=image/png&layers=communes&styles=per_100k&url=" + base + "/wms"
        layer = QgsRasterLayer(uri, "communes per 100,000", "wms")
        if not layer.isValid():
            raise SystemExit("QGIS cannot open the WMS layer: " + layer.error().summary())

        # Central Chile, from Valparaíso to Temuco: 600 x 800 pixels.
        rendered = Rendered(layer, (-74.0, -40.0, -69.0, -32.0), 600, 800)
        failures += ["render error: " + e for e in rendered.errors]
        for code, (lon, lat) in POINTS.items():
            x, y = rendered.pixel(lon, lat)
            got = commonest_colour(rendered.image, x, y)
            want = class_colour(units[code]).name()
            if got != want:
                failures.append("%s at pixel (%d, %d): %s, expected %s" % (code, x, y, got, want))

        provider = layer.dataProvider()
        if not provider.supportsLegendGraphic():
            failures.append("the WMS provider sees no legend graphic")
        # Fetched from the style's LegendURL of the capabilities.
        fetcher = provider.getLegendGraphicFetcher(rendered.settings)
        result = {}
        loop = QEventLoop()
        fetcher.finish.connect(lambda img: (result.update(image=img), loop.quit()))
        fetcher.error.connect(lambda msg: (result.update(error=msg), loop.quit()))
        QTimer.singleShot(30000, loop.quit)
        fetcher.start()
        loop.exec_()
        if "error" in result:
            failures.append("legend: " + result["error"])
        legend = result.get("image", QImage())
        if legend.isNull() or legend.width() < 20 or legend.height() < 6 * 20:
            failures.append("legend image %dx%d" % (legend.width(), legend.height()))
        else:
            # The swatch of the class "under 1" (second row) in its colour.
            got = QColor(legend.pixel(4 + 8, 4 + 20 + 10)).name()
            if got != "#c7e9b4":
                failures.append("legend swatch: " + got)
        # QGIS objects go before QGIS does (a provider freed after exitQgis() may crash).
        del fetcher, provider, rendered, layer
        app.exitQgis()
    finally:
        proc.terminate()
        proc.wait()
    for f in failures:
        print("FAIL:", f)
    print("qgis_wms: %d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
