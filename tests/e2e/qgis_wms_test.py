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
import re
import subprocess
import sys
import threading
import urllib.request

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererSequentialJob,  # noqa: E402
                       QgsMapSettings, QgsPointXY, QgsRasterLayer, QgsRectangle, QgsCoordinateTransform,
                       QgsProject)
from qgis.PyQt.QtCore import QEventLoop, QSize, QTimer  # noqa: E402
from qgis.PyQt.QtGui import QColor, QImage  # noqa: E402

# The palette of layers/tiles/tiles_palette.h for per_100k, by class lower bound.
PER_100K = [(0, "#e0e0e0"), (1e-9, "#c7e9b4"), (1, "#7fcdbb"), (2, "#41b6c4"), (5, "#1d91c0"), (10, "#0c2c84")]
# Points well inside communes: Santiago (13101), Valparaíso (05101), Temuco (09101).
POINTS = {"13101": (-70.6506, -33.4378), "05101": (-71.6197, -33.0458), "09101": (-72.5904, -38.7359)}


def class_colour(unit):
    # per_100k as the tiles round it (0.001), from the total and population.
    total, population = unit["total"], unit["population"]
    value = round(total * 100000 / population, 3) if population > 0 else 0.0
    colour = PER_100K[0][1]
    for lower, c in PER_100K:
        if value >= lower:
            colour = c
    return QColor(colour)


def start_server(binary, store):
    proc = subprocess.Popen([binary, "serve", "--store", store, "--port", "0", "--threads", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    found = re.match(r"territorio serving (http://[^/ ]+)", line)
    if not found:
        proc.kill()
        raise SystemExit("server did not start: " + line)
    # Keep reading what it prints, so that it never blocks on a full pipe.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, found.group(1)


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

        crs = QgsCoordinateReferenceSystem("EPSG:3857")
        to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs, QgsProject.instance())
        # Central Chile, from Valparaíso to Temuco: 600 x 800 pixels.
        extent = to_map.transformBoundingBox(QgsRectangle(-74.0, -40.0, -69.0, -32.0))
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(crs)
        settings.setOutputSize(QSize(600, 800))
        settings.setExtent(extent)
        settings.setBackgroundColor(QColor(0, 0, 0, 0))
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        for error in job.errors():
            failures.append("render error: " + error.message)
        m2p = settings.mapToPixel()
        for code, (lon, lat) in POINTS.items():
            p = m2p.transform(to_map.transform(QgsPointXY(lon, lat)))
            # The commonest colour of the 5 x 5 pixels around the point
            # (a white boundary may pass close by at this scale).
            counts = {}
            for dx in range(-2, 3):
                for dy in range(-2, 3):
                    name = QColor(image.pixel(int(p.x()) + dx, int(p.y()) + dy)).name()
                    counts[name] = counts.get(name, 0) + 1
            got = max(counts, key=counts.get)
            want = class_colour(units[code]).name()
            if got != want:
                failures.append("%s at pixel (%d, %d): %s, expected %s" % (code, p.x(), p.y(), got, want))

        provider = layer.dataProvider()
        if not provider.supportsLegendGraphic():
            failures.append("the WMS provider sees no legend graphic")
        # Fetched from the style's LegendURL of the capabilities.
        fetcher = provider.getLegendGraphicFetcher(settings)
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
