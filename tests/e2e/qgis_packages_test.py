#!/usr/bin/python3
"""QGIS 3.22 (Debian's python3-qgis) opens an offline package of territorio.

Exports communes at zooms 0-6 as MBTiles with the real binary
(`territorio export-tiles`), opens the file as QGIS opens a vector tile
layer from disk, and renders it with one filtered style: Santiago (13101)
in red, nothing else. The pixel at Santiago is red and the pixels at
Providencia (its neighbour) and over the sea are empty, so QGIS read the
gzipped tiles, their geometry and their `code` attribute. (QGIS 3.22 has no
PMTiles reader; the PMTiles package is checked by tests/support/pmtiles_check.)

Usage: qgis_packages_test.py TERRITORIO_BIN STORE WORKDIR (run by ctest as qgis_packages).
"""
import os
import shutil
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsFillSymbol, QgsVectorTileBasicRenderer,  # noqa: E402
                       QgsVectorTileBasicRendererStyle, QgsVectorTileLayer, QgsWkbTypes)
from qgis.PyQt.QtGui import QColor  # noqa: E402

from qgis_support import Rendered  # noqa: E402

# Lon/lat inside Santiago, inside Providencia, and over the Pacific off Valparaíso.
SANTIAGO = (-70.6506, -33.4378)
PROVIDENCIA = (-70.6109, -33.4314)
SEA = (-71.45, -33.0)


def main():
    binary, store, work = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    subprocess.run([binary, "export-tiles", "--store", store, "--layers", "communes", "--maxzoom", "6",
                    "--format", "mbtiles", work], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    package = os.path.join(work, "communes.mbtiles")
    failures = []

    app = QgsApplication([], False)
    app.initQgis()
    layer = QgsVectorTileLayer("type=mbtiles&url=" + package, "communes")
    if not layer.isValid():
        raise SystemExit("QGIS cannot open the MBTiles package")
    if (layer.sourceMinZoom(), layer.sourceMaxZoom()) != (0, 6):
        failures.append("zooms %d-%d, expected 0-6" % (layer.sourceMinZoom(), layer.sourceMaxZoom()))
    if layer.crs().authid() != "EPSG:3857":
        failures.append("crs " + layer.crs().authid())

    style = QgsVectorTileBasicRendererStyle("santiago", "communes", QgsWkbTypes.PolygonGeometry)
    style.setSymbol(QgsFillSymbol.createSimple({"color": "#ff0000", "outline_style": "no"}))
    style.setFilterExpression("\"code\" = '13101'")
    renderer = QgsVectorTileBasicRenderer()
    renderer.setStyles([style])
    layer.setRenderer(renderer)

    rendered = Rendered(layer, (-71.5, -34.2, -69.8, -32.7), 400, 400)
    failures += ["render error: " + e for e in rendered.errors]

    def colour(lon_lat):
        x, y = rendered.pixel(*lon_lat)
        return QColor.fromRgba(rendered.image.pixel(int(x), int(y))).name(QColor.HexArgb)

    for name, point, want in (("Santiago", SANTIAGO, "#ffff0000"), ("Providencia", PROVIDENCIA, "#00000000"),
                              ("the sea", SEA, "#00000000")):
        got = colour(point)
        if got != want:
            failures.append("%s: %s, expected %s" % (name, got, want))
    # QGIS objects go before QGIS does (a provider freed after exitQgis() may crash).
    del rendered, layer, renderer
    app.exitQgis()
    for f in failures:
        print("FAIL:", f)
    print("qgis_packages: %d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
